using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Sextant.Explain;
using Sextant.Schema;
using Sextant.Server.Logging;
using Sextant.Server.Metrics;
using Sextant.Server.Security;

namespace Sextant.Server;

/// <summary><c>POST /explain</c>: why the served model predicts what it does for one record.</summary>
public static class ExplainApi
{
    public static IEndpointRouteBuilder MapExplainApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/explain", ExplainAsync)
            .WithName("Explain")
            .WithSummary("Explains one record: exact TreeSHAP for tree models, coefficient x centred value for linear ones; base_value + sum(contributions) = raw_prediction.")
            .WithTags("Prediction")
            .Accepts<System.Text.Json.JsonElement>("application/json").RequirePredictionKey().RequireRateLimiting(PredictionApi.RateLimitPolicy);
        return app;
    }

    private static async Task<Results<Ok<ExplainResponse>, ProblemHttpResult>> ExplainAsync(
        HttpRequest request, ModelHost host, ServerMetrics metrics, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (predictor, document, problem) = await PredictionApi.ReadRequestAsync(request, host, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var requestId = RequestLogging.ClientId(request.HttpContext);
            var record = PredictionApi.Unwrap(document.RootElement, ref requestId);
            if (requestId is null)
            {
                requestId = RequestLogging.Id(request.HttpContext);
            }
            else
            {
                RequestLogging.SetId(request.HttpContext, requestId);
            }

            RequestLogging.SetModelVersion(request.HttpContext, predictor.Version);
            (ValidationReport Report, Explanation? Explanation) result;
            try
            {
                result = Explainer.Explain(predictor, record);
            }
            catch (SextantException ex)
            {
                return TypedResults.Problem(
                    title: "The served model cannot be explained",
                    detail: ex.Message,
                    statusCode: StatusCodes.Status409Conflict,
                    extensions: new Dictionary<string, object?> { ["model_version"] = predictor.Version });
            }

            if (result.Explanation is not { } e)
            {
                return PredictionApi.InvalidFeatures(result.Report, metrics, requestId);
            }

            return TypedResults.Ok(new ExplainResponse(
                e.Prediction,
                e.Label,
                e.BaseValue,
                e.RawPrediction,
                e.Scale,
                e.Contributions,
                e.Check,
                predictor.Artifact.Name,
                predictor.Version,
                requestId,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                e.Warnings) { Alias = predictor.Alias });
        }
    }
}

/// <summary>The answer of <c>POST /explain</c>; <c>base_value + sum(contributions) - raw_prediction = check</c> (zero up to rounding).</summary>
/// <param name="Prediction">The prediction in the model's units: the value, or the probability of the positive class.</param>
/// <param name="Label">Classification: the predicted label.</param>
/// <param name="BaseValue">The expected raw prediction over the training rows.</param>
/// <param name="RawPrediction">What the contributions add up to, in <paramref name="Scale"/>.</param>
/// <param name="Scale"><c>value</c>, <c>log_odds</c> or <c>probability</c>.</param>
/// <param name="Contributions">Every source feature's contribution (one-hot columns summed back), largest first.</param>
/// <param name="Check">base_value + sum(contributions) - raw_prediction.</param>
/// <param name="ModelName">The served model.</param>
/// <param name="ModelVersion">The served version.</param>
/// <param name="RequestId">The client's id (header <c>X-Request-Id</c> or <c>request_id</c>) or a generated one.</param>
/// <param name="LatencyMs">Time spent in the server, in milliseconds.</param>
/// <param name="Warnings">Non-fatal notes, e.g. unknown fields ignored or categories unseen in training.</param>
public sealed record ExplainResponse(
    double Prediction,
    string? Label,
    double BaseValue,
    double RawPrediction,
    string Scale,
    IReadOnlyList<FeatureContribution> Contributions,
    double Check,
    string ModelName,
    int ModelVersion,
    string RequestId,
    double LatencyMs,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The alias the served model was loaded through, when serving an alias.</summary>
    public string? Alias { get; init; }
}
