using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Sextant.Projects;

namespace Sextant.Server;

/// <summary>Health, model information and prediction endpoints.</summary>
public static class PredictionApi
{
    public static IEndpointRouteBuilder MapPredictionApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" }))
            .WithName("Health").WithSummary("Liveness: the process answers.").WithTags("Operations");
        app.MapGet("/model", GetModel)
            .WithName("GetModel").WithSummary("The served model: name, version, metrics and feature schema.").WithTags("Model");
        app.MapPost("/predict", PredictAsync)
            .WithName("Predict").WithSummary("Predicts one record: a flat JSON object of features, or {\"features\": {...}, \"request_id\": \"...\"}.").WithTags("Prediction")
            .Accepts<JsonElement>("application/json");
        return app;
    }

    private static Results<Ok<object>, ProblemHttpResult> GetModel(ModelHost host)
    {
        if (host.Current is not { } predictor)
        {
            return NoModel(host);
        }

        var artifact = predictor.Artifact;
        return TypedResults.Ok<object>(new
        {
            name = artifact.Name,
            version = predictor.Version,
            task = artifact.Task.ToString().ToLowerInvariant(),
            learner = artifact.Candidate,
            metrics = artifact.Metrics,
            trained_at = artifact.TrainedAt,
            dataset_version = artifact.DatasetVersion,
            dataset_fingerprint = artifact.DatasetFingerprint,
            schema = artifact.Schema,
        });
    }

    private static async Task<Results<Ok<PredictResponse>, ProblemHttpResult>> PredictAsync(HttpRequest request, ModelHost host, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (host.Current is not { } predictor)
        {
            return NoModel(host);
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            return TypedResults.Problem(title: "Malformed JSON", detail: $"The body is not valid JSON: {ex.Message}", statusCode: StatusCodes.Status400BadRequest);
        }

        using (document)
        {
            var root = document.RootElement;
            var requestId = request.Headers["X-Request-Id"].FirstOrDefault();
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("features", out var features) && features.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("request_id", out var id) && id.ValueKind == JsonValueKind.String)
                {
                    requestId = id.GetString();
                }

                root = features;
            }

            requestId ??= Guid.NewGuid().ToString("N");
            var (report, prediction) = predictor.Predict(root);
            if (prediction is null)
            {
                return TypedResults.Problem(
                    title: "Invalid features",
                    detail: $"{report.Errors.Count} problem(s) with the request; every one is listed in 'errors'.",
                    statusCode: StatusCodes.Status400BadRequest,
                    extensions: new Dictionary<string, object?>
                    {
                        ["errors"] = report.Errors.Select(e => ValidationProblem.From(e)).ToList(),
                        ["warnings"] = report.Warnings.Select(e => ValidationProblem.From(e)).ToList(),
                        ["request_id"] = requestId,
                    });
            }

            var classification = predictor.Schema.Task == ProjectTask.Classification;
            return TypedResults.Ok(new PredictResponse(
                prediction.Value,
                prediction.Label,
                classification ? prediction.Value : null,
                predictor.Artifact.Name,
                predictor.Version,
                requestId,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                prediction.Warnings));
        }
    }

    private static ProblemHttpResult NoModel(ModelHost host) =>
        TypedResults.Problem(title: "No model loaded", detail: host.LoadError ?? "No model is loaded yet. Train one with 'sextant train'.", statusCode: StatusCodes.Status503ServiceUnavailable);
}
