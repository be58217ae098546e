namespace Sextant.Monitoring.Performance;

/// <summary>
/// The realised performance of one model version on the labelled predictions of a window, against the version's test
/// metrics; for a classifier also the performance estimated from its probabilities before labels arrive (CBPE).
/// </summary>
public sealed record PerformanceReport
{
    /// <summary>Gets <c>checked</c>, <c>not_enough_labels</c> (fewer than the configured minimum) or <c>no_labels</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Gets the labelled predictions of the window used.</summary>
    public required int LabelledRows { get; init; }

    /// <summary>Gets the labelled rows whose actual value is not one of the classifier's labels (left out, counted here).</summary>
    public int UnmatchedLabels { get; init; }

    /// <summary>Gets the realised metrics by name (empty unless <see cref="Status"/> is <c>checked</c>).</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Gets the version's metrics on its held-out test rows, what the realised ones are compared with.</summary>
    public IReadOnlyDictionary<string, double> Reference { get; init; } = new Dictionary<string, double>();

    /// <summary>Gets the share of labelled rows whose actual value fell inside the served interval, or <see langword="null"/> without intervals.</summary>
    public double? Coverage { get; init; }

    /// <summary>Gets the interval's nominal coverage (e.g. 0.8 for p10-p90), or <see langword="null"/>.</summary>
    public double? NominalCoverage { get; init; }

    /// <summary>Gets the metrics (and <c>coverage</c>) outside their tolerance.</summary>
    public IReadOnlyList<MetricDegradation> Degraded { get; init; } = [];

    /// <summary>Gets the classifier's expected calibration error on the labelled rows (10 equal-width bins), or <see langword="null"/>.</summary>
    public double? CalibrationError { get; init; }

    /// <summary>Gets the CBPE estimate of accuracy and ROC AUC over every prediction of the window (labelled or not), or empty for a regression.</summary>
    public IReadOnlyDictionary<string, double> Estimated { get; init; } = new Dictionary<string, double>();

    /// <summary>Gets a one-line summary for people.</summary>
    public required string Message { get; init; }
}

/// <summary>A realised metric outside its tolerance.</summary>
/// <param name="Metric">The metric, or <c>coverage</c>.</param>
/// <param name="Value">The realised value.</param>
/// <param name="Reference">The version's test value (or the nominal coverage).</param>
/// <param name="Limit">The worst value the tolerance allows (for coverage: the distance from nominal allowed).</param>
/// <param name="Worsening">The relative worsening against the reference (for coverage: the distance from nominal).</param>
public sealed record MetricDegradation(string Metric, double Value, double Reference, double Limit, double Worsening);
