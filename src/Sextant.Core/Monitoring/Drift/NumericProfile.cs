namespace Sextant.Monitoring.Drift;

/// <summary>The reference distribution of a numeric feature (missing values left out of everything here).</summary>
public sealed record NumericProfile
{
    /// <summary>The mean.</summary>
    public required double Mean { get; init; }

    /// <summary>The population standard deviation (<c>np.std</c>, ddof 0), the scale of the normed Wasserstein distance.</summary>
    public required double StandardDeviation { get; init; }

    /// <summary>The smallest value.</summary>
    public required double Min { get; init; }

    /// <summary>The largest value.</summary>
    public required double Max { get; init; }

    /// <summary>The number of distinct values, counted up to <see cref="ReferenceProfileOptions.DiscreteLimit"/> + 1.</summary>
    public required int DistinctValues { get; init; }

    /// <summary>
    /// The inner edges of the quantile bins, ascending and distinct. Bin 0 is (-inf, e0], bin i is (e(i-1), e(i)],
    /// the last is (e(last), +inf): values outside the training range land in the outer bins.
    /// </summary>
    public required double[] BinEdges { get; init; }

    /// <summary>The reference rows per bin; one more entry than <see cref="BinEdges"/>.</summary>
    public required long[] BinCounts { get; init; }

    /// <summary>
    /// The distinct values, ascending, when there are at most <see cref="ReferenceProfileOptions.DiscreteLimit"/>; then
    /// the feature is binned by value, as Evidently does at 20 or fewer; otherwise <see langword="null"/>.
    /// </summary>
    public double[]? DiscreteValues { get; init; }

    /// <summary>The reference rows per discrete value, or <see langword="null"/>.</summary>
    public long[]? DiscreteCounts { get; init; }

    /// <summary>A seeded random sample of the values, sorted, for the Kolmogorov-Smirnov and Wasserstein tests.</summary>
    public required double[] Sample { get; init; }
}
