using System.Text.Json.Serialization;
using Sextant.Models;

namespace Sextant.Server;

/// <summary>The answer of <c>POST /predict</c>.</summary>
public sealed record PredictResponse(
    double Prediction,
    string? Label,
    double? Probability,
    string ModelName,
    int ModelVersion,
    string RequestId,
    double LatencyMs,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The alias the served model was loaded through (e.g. <c>prod</c>), when serving an alias.</summary>
    public string? Alias { get; init; }

    /// <summary>Regression with intervals: the nominal coverage of the interval, e.g. 0.8.</summary>
    public double? IntervalCoverage { get; init; }

    /// <summary>Regression with intervals: how the interval was made, e.g. <c>split_conformal</c>.</summary>
    public string? IntervalMethod { get; init; }

    /// <summary>The interval bounds named by percentile, e.g. <c>p10</c> and <c>p90</c> for 80% coverage.</summary>
    [JsonExtensionData]
    public Dictionary<string, object>? Bounds { get; init; }

    /// <summary>Adds the interval of <paramref name="prediction"/>, when the model has one.</summary>
    public PredictResponse WithInterval(Prediction prediction, PredictionInterval? interval) =>
        interval is null || prediction.Lower is not { } lower || prediction.Upper is not { } upper
            ? this
            : this with
            {
                IntervalCoverage = interval.Coverage,
                IntervalMethod = interval.Method,
                Bounds = new Dictionary<string, object> { [interval.LowerName] = lower, [interval.UpperName] = upper },
            };
}
