namespace Sextant.Monitoring;

/// <summary>
/// One served prediction as the prediction log keeps it: what came in, what went out, from which model, how fast,
/// and what the shadow model said. The raw material of drift monitoring.
/// </summary>
public sealed record PredictionRecord(
    string RequestId,
    string Model,
    int Version,
    string? Alias,
    DateTimeOffset At,
    string Features,
    double Prediction,
    double LatencyMs)
{
    public string? Label { get; init; }

    public double? Lower { get; init; }

    public double? Upper { get; init; }

    public int? ShadowVersion { get; init; }

    public double? ShadowPrediction { get; init; }

    /// <summary>
    /// The soft findings of the scored record as JSON, <c>[{"feature":"x","type":"outside_observed"}, ...]</c>
    /// (see <see cref="Schema.ObservedLimits"/>); <see langword="null"/> when there were none.
    /// </summary>
    public string? Warnings { get; init; }

    /// <summary>
    /// The declared rules a refused record broke, as JSON <c>[{"feature":"x","type":"range"}, ...]</c>; <see langword="null"/>
    /// for a served prediction. A refused record (its <see cref="Prediction"/> NaN) is stored apart from the served ones:
    /// schema-violation checks count it, drift windows never see it.
    /// </summary>
    public string? Errors { get; init; }
}
