namespace Sextant.Projects;

/// <summary>
/// Realised performance of the served model from labelled predictions (<c>monitoring.performance</c>): how far a
/// metric may fall behind the version's test metric before a performance alert opens.
/// </summary>
public sealed record PerformanceConfig
{
    /// <summary>The fewest labelled predictions in the window for realised metrics to be judged. <value>Default 100.</value></summary>
    public int MinLabels { get; init; } = 100;

    /// <summary>
    /// Per metric, the relative worsening allowed against the version's test metric (0.1: 10% worse), e.g.
    /// <c>{rmse: 0.1, mae: 0.2}</c>. <value>Default: the primary metric with 0.1.</value>
    /// </summary>
    public IReadOnlyDictionary<string, double> Tolerances { get; init; } = new Dictionary<string, double>();

    /// <summary>How far the live coverage of the served interval may stray from its nominal coverage (0.1: 80% ± 10 points); 0 turns it off. <value>Default 0.1.</value></summary>
    public double CoverageTolerance { get; init; } = 0.1;

    /// <summary>The rise of a feature's missing share over the reference at which a missing-values alert opens (0.1: 10 points); 0 turns it off. <value>Default 0.1.</value></summary>
    public double MissingShareIncrease { get; init; } = 0.1;
}
