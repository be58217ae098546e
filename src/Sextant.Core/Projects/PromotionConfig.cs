namespace Sextant.Projects;

/// <summary>
/// The gate a model version must pass to take an alias (<c>promotion:</c> in <c>sextant.yaml</c>), judged against the
/// alias's current holder on the same held-out rows. A first holder of an alias is judged on validation only.
/// </summary>
public sealed record PromotionConfig
{
    /// <summary>The primary metric must improve by at least this much, in its own units (lower-is-better metrics must fall). <value>Default 0: not worse.</value></summary>
    public double MinImprovement { get; init; }

    /// <summary>The primary metric must improve by at least this share of the champion's value, e.g. 0.01 for 1%. <value>Default 0.</value></summary>
    public double MinRelativeImprovement { get; init; }

    /// <summary>Guard metrics and how much worse (relative, e.g. 0.05 = 5%) each may get. <value>Default none.</value></summary>
    public IReadOnlyDictionary<string, double> GuardMetrics { get; init; } = new Dictionary<string, double>();

    /// <summary>The candidate's p95 single-row latency may be at most this multiple of the champion's; 0 turns the check off. <value>Default 3.</value></summary>
    public double MaxLatencyRatio { get; init; } = 3;

    /// <summary>Refuse a model trained on data that failed validation (<c>--allow-invalid</c>). <value>Default true.</value></summary>
    public bool RequireValidation { get; init; } = true;

    /// <summary>Refuse a model whose input schema would break the champion's callers. <value>Default true.</value></summary>
    public bool RequireCompatibleSignature { get; init; } = true;
}
