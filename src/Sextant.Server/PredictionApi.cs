using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Sextant.Models;
using Sextant.Monitoring;
using Sextant.Projects;
using Sextant.Schema;
using Sextant.Server.Logging;
using Sextant.Server.Metrics;
using Sextant.Server.OpenApi;
using Sextant.Server.Security;

namespace Sextant.Server;

/// <summary>Health, model information and prediction endpoints.</summary>
public static class PredictionApi
{
    /// <summary>The rate-limiting policy of the prediction routes (<see cref="ServerOptions.RateLimitPerSecond"/>).</summary>
    public const string RateLimitPolicy = "predict";

    public static IEndpointRouteBuilder MapPredictionApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" }))
            .WithName("Health").WithSummary("Liveness: the process answers.").WithTags("Operations");
        app.MapGet("/ready", ReadyAsync)
            .WithName("Ready").WithSummary("Readiness: a model is loaded and the store answers; 503 otherwise.").WithTags("Operations");
        app.MapGet("/openapi.json", (ModelHost host) => TypedResults.Text(OpenApiDocumentBuilder.Build(host.Current).ToJsonString(), "application/json"))
            .WithName("OpenApi").WithSummary("The OpenAPI document, generated from the model's feature schema.").WithTags("Operations");
        app.MapPost("/predict/batch", PredictBatchAsync)
            .WithName("PredictBatch").WithSummary("Predicts an array of records in order; one bad record fails the batch with every problem and its index.").WithTags("Prediction")
            .Accepts<JsonElement>("application/json").RequirePredictionKey().RequireRateLimiting(RateLimitPolicy);
        app.MapPost("/model/reload", ReloadAsync)
            .WithName("ReloadModel").WithSummary("Loads the latest (or ?version=N) model; on failure the current model stays. Admin key required.").WithTags("Model")
            .RequireAdminKey();
        app.MapGet("/model", GetModel)
            .WithName("GetModel").WithSummary("The served model: name, version, metrics and feature schema.").WithTags("Model");
        app.MapPost("/predict", PredictAsync)
            .WithName("Predict").WithSummary("Predicts one record: a flat JSON object of features, or {\"features\": {...}, \"request_id\": \"...\"}.").WithTags("Prediction")
            .Accepts<JsonElement>("application/json").RequirePredictionKey().RequireRateLimiting(RateLimitPolicy);
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
            alias = predictor.Alias,
            task = artifact.Task.ToString().ToLowerInvariant(),
            learner = artifact.Candidate,
            metrics = artifact.Metrics,
            interval = artifact.Interval is { } interval
                ? new { coverage = interval.Coverage, method = interval.Method, lower = interval.LowerName, upper = interval.UpperName, half_width = interval.HalfWidth, adaptive = interval.IsAdaptive, mean_width = interval.MeanWidth, calibration_rows = interval.CalibrationRows, test_coverage = interval.TestCoverage }
                : null,
            importance = artifact.Importance,
            decision_threshold = artifact.Task == ProjectTask.Classification ? artifact.DecisionThreshold : (double?)null,
            trained_at = artifact.TrainedAt,
            dataset_version = artifact.DatasetVersion,
            dataset_fingerprint = artifact.DatasetFingerprint,
            schema = artifact.Schema,
        });
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> ReloadAsync(ModelHost host, int? version, CancellationToken cancellationToken)
    {
        var before = host.Current?.Version;
        await host.LoadAsync(version, cancellationToken);
        if (host.LoadError is { } error)
        {
            return TypedResults.Problem(title: "Reload failed; the current model stays", detail: error, statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["serving_version"] = host.Current?.Version });
        }

        return TypedResults.Ok<object>(new { previous_version = before, version = host.Current!.Version, model = host.Current.Artifact.Name });
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> ReadyAsync(ModelHost host, DrainState drain, CancellationToken cancellationToken)
    {
        if (drain.Draining)
        {
            return TypedResults.Problem(title: "Draining", detail: "The server is stopping: it still answers requests in flight and for its drain delay, but takes no new traffic.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (host.Current is not { } predictor)
        {
            return NoModel(host);
        }

        try
        {
            await host.Project.Store.ListAllDatasetsAsync(cancellationToken);
            await host.Project.Metadata.PingAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is SextantException or System.Data.Common.DbException)
        {
            return TypedResults.Problem(title: "Store unreachable", detail: ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return TypedResults.Ok<object>(new { status = "ready", model = predictor.Artifact.Name, version = predictor.Version });
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> PredictBatchAsync(
        HttpRequest request, ModelHost host, ServerMetrics metrics, ServerOptions options, PredictionLog log, ShadowScorer shadow, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (predictor, document, problem) = await ReadRequestAsync(request, host, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                return TypedResults.Problem(title: "Expected an array", detail: "POST /predict/batch takes a JSON array of feature records.", statusCode: StatusCodes.Status400BadRequest);
            }

            var count = root.GetArrayLength();
            if (count > options.MaxBatchSize)
            {
                return TypedResults.Problem(title: "Batch too large", detail: $"{count} records; the limit is {options.MaxBatchSize}.", statusCode: StatusCodes.Status400BadRequest);
            }

            var results = new List<(ValidationReport Report, Prediction? Prediction)>(count);
            foreach (var record in root.EnumerateArray())
            {
                results.Add(predictor.Predict(record));
            }

            var errors = results.SelectMany((r, i) => r.Report.Errors.Select(e => ValidationProblem.From(e, i))).ToList();
            if (errors.Count > 0)
            {
                foreach (var e in errors)
                {
                    metrics.RecordValidationFailure(e.Type);
                }

                var refusedId = RequestLogging.Id(request.HttpContext);
                var position = 0;
                foreach (var record in root.EnumerateArray())
                {
                    if (!results[position].Report.Passed)
                    {
                        RecordRefused(log, predictor, $"{refusedId}/{position}", record, results[position].Report.Errors, time);
                    }

                    position++;
                }

                return TypedResults.Problem(
                    title: "Invalid features",
                    detail: $"{results.Count(r => !r.Report.Passed)} of {count} record(s) have problems; each is listed in 'errors' with its index. Nothing was predicted.",
                    statusCode: StatusCodes.Status400BadRequest,
                    extensions: new Dictionary<string, object?> { ["errors"] = errors });
            }

            metrics.RecordPredictions(predictor.Artifact.Name, predictor.Version, count);
            var classification = predictor.Schema.Task == ProjectTask.Classification;
            var batchId = RequestLogging.Id(request.HttpContext);
            RequestLogging.SetModelVersion(request.HttpContext, predictor.Version);
            var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var index = 0;
            foreach (var record in root.EnumerateArray())
            {
                metrics.RecordWarnings(results[index].Report.Warnings, predictor.Schema);
                Record(log, shadow, predictor, $"{batchId}/{index}", record, results[index].Prediction!, results[index].Report.Warnings, latency / count, time);
                index++;
            }

            return TypedResults.Ok<object>(new
            {
                model_name = predictor.Artifact.Name,
                model_version = predictor.Version,
                request_id = batchId,
                latency_ms = latency,
                predictions = results.Select(r => BatchItem(r.Prediction!, classification, predictor.Artifact.Interval)).ToList(),
            });
        }
    }

    private static Dictionary<string, object?> BatchItem(Prediction prediction, bool classification, PredictionInterval? interval)
    {
        var item = new Dictionary<string, object?> { ["prediction"] = prediction.Value };
        if (classification)
        {
            item["label"] = prediction.Label;
            item["probability"] = prediction.Value;
        }

        if (interval is not null)
        {
            item[interval.LowerName] = prediction.Lower;
            item[interval.UpperName] = prediction.Upper;
        }

        item["warnings"] = prediction.Warnings;
        return item;
    }

    // The shared start of every prediction: a model must be loaded (the one read here serves the whole request) and the body must be JSON.
    internal static async Task<(Predictor Predictor, JsonDocument Document, ProblemHttpResult? Problem)> ReadRequestAsync(HttpRequest request, ModelHost host, CancellationToken cancellationToken)
    {
        if (host.Current is not { } predictor)
        {
            return (null!, null!, NoModel(host));
        }

        try
        {
            return (predictor, await JsonDocument.ParseAsync(request.Body, default, cancellationToken), null);
        }
        catch (JsonException ex)
        {
            return (predictor, null!, TypedResults.Problem(title: "Malformed JSON", detail: $"The body is not valid JSON: {ex.Message}", statusCode: StatusCodes.Status400BadRequest));
        }
    }

    private static async Task<Results<Ok<PredictResponse>, ProblemHttpResult>> PredictAsync(
        HttpRequest request, ModelHost host, ServerMetrics metrics, PredictionLog log, ShadowScorer shadow, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (predictor, document, problem) = await ReadRequestAsync(request, host, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var root = document.RootElement;
            var requestId = RequestLogging.ClientId(request.HttpContext);
            root = Unwrap(root, ref requestId);

            if (requestId is not null && await IsReusedAsync(requestId, host, log, cancellationToken))
            {
                return TypedResults.Problem(
                    title: "Request id already used",
                    detail: $"request_id '{requestId}' was already predicted and logged; send a new id (or none, and one is generated).",
                    statusCode: StatusCodes.Status409Conflict,
                    extensions: new Dictionary<string, object?> { ["request_id"] = requestId });
            }

            if (requestId is null)
            {
                requestId = RequestLogging.Id(request.HttpContext);
            }
            else
            {
                RequestLogging.SetId(request.HttpContext, requestId);
            }

            RequestLogging.SetModelVersion(request.HttpContext, predictor.Version);
            var (report, prediction) = predictor.Predict(root);
            if (prediction is null)
            {
                RecordRefused(log, predictor, requestId, root, report.Errors, time);
                return InvalidFeatures(report, metrics, requestId);
            }

            metrics.RecordPredictions(predictor.Artifact.Name, predictor.Version, 1);
            var classification = predictor.Schema.Task == ProjectTask.Classification;
            var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            metrics.RecordWarnings(report.Warnings, predictor.Schema);
            Record(log, shadow, predictor, requestId, root, prediction, report.Warnings, latency, time);
            return TypedResults.Ok(new PredictResponse(
                prediction.Value,
                prediction.Label,
                classification ? prediction.Value : null,
                predictor.Artifact.Name,
                predictor.Version,
                requestId,
                latency,
                prediction.Warnings) { Alias = predictor.Alias }.WithInterval(prediction, predictor.Artifact.Interval));
        }
    }

    /// <summary>
    /// The record of a single-record request: the body itself (flat) or its <c>features</c> object, whose sibling
    /// <c>request_id</c> (when a string) replaces <paramref name="requestId"/>.
    /// </summary>
    internal static JsonElement Unwrap(JsonElement root, ref string? requestId)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("features", out var features) && features.ValueKind == JsonValueKind.Object)
        {
            if (root.TryGetProperty("request_id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                requestId = id.GetString();
            }

            return features;
        }

        return root;
    }

    /// <summary>The 400 of a record that failed validation: every error and warning, counted by type in the metrics.</summary>
    internal static ProblemHttpResult InvalidFeatures(ValidationReport report, ServerMetrics metrics, string? requestId)
    {
        foreach (var e in report.Errors)
        {
            metrics.RecordValidationFailure(e.Type);
        }

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

    // A client-chosen request id must be new: this server remembers recent ids, and the store knows every logged one.
    private static async Task<bool> IsReusedAsync(string requestId, ModelHost host, PredictionLog log, CancellationToken cancellationToken)
    {
        if (!log.Enabled)
        {
            return false;
        }

        if (!log.Claim(requestId))
        {
            return true;
        }

        try
        {
            return await host.Project.Metadata.PredictionLoggedAsync(requestId, cancellationToken);
        }
        catch (System.Data.Common.DbException)
        {
            // The store is unreachable: the prediction is still served; the in-memory check above stands.
            return false;
        }
    }

    // A record refused for breaking declared rules goes to the log too (stored apart, counted by schema-violation checks); never blocks.
    private static void RecordRefused(PredictionLog log, Predictor predictor, string requestId, JsonElement features, IReadOnlyList<ValidationIssue> errors, TimeProvider time) =>
        log.TryAdd(new PredictionRecord(requestId, predictor.Artifact.Name, predictor.Version, predictor.Alias, time.GetUtcNow(), features.GetRawText(), double.NaN, 0)
        {
            Errors = JsonSerializer.Serialize(errors.Select(e => new Dictionary<string, string> { ["feature"] = e.Feature, ["type"] = e.Type })),
        });

    // Hands the prediction to the shadow model (which passes it on to the log) or straight to the log; never blocks.
    private static void Record(PredictionLog log, ShadowScorer shadow, Predictor predictor, string requestId, JsonElement features, Prediction prediction, IReadOnlyList<ValidationIssue> warnings, double latencyMs, TimeProvider time)
    {
        if (!log.Enabled && shadow.Host is null)
        {
            return;
        }

        var record = new PredictionRecord(requestId, predictor.Artifact.Name, predictor.Version, predictor.Alias, time.GetUtcNow(), features.GetRawText(), prediction.Value, latencyMs)
        {
            Label = prediction.Label,
            Lower = prediction.Lower,
            Upper = prediction.Upper,
            Warnings = warnings.Count == 0 ? null : JsonSerializer.Serialize(warnings.Select(w => new Dictionary<string, string> { ["feature"] = w.Feature, ["type"] = w.Type })),
        };
        if (!shadow.TryAdd(record))
        {
            log.TryAdd(record);
        }
    }

    internal static ProblemHttpResult NoModel(ModelHost host) =>
        TypedResults.Problem(title: "No model loaded", detail: host.LoadError ?? "No model is loaded yet. Train one with 'sextant train'.", statusCode: StatusCodes.Status503ServiceUnavailable);
}
