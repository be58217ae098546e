namespace Sextant.Monitoring.Drift;

/// <summary>
/// The buckets a feature's PSI (and bucketed tests) were computed on, with the reference and current counts in each:
/// the reference's quantile bins, or its values (a numeric feature with few of them) or categories. The last value or
/// category bucket holds what the reference never saw.
/// </summary>
public sealed record DriftBuckets
{
    /// <summary>The name of the bucket of numeric values the reference never took.</summary>
    public const string OtherValues = "(other)";

    /// <summary>
    /// The inner edges of quantile bins, ascending: bucket 0 is (-inf, e0], bucket i is (e(i-1), e(i)], the last
    /// (e(last), +inf). <see langword="null"/> when the buckets are values or categories (see <see cref="Labels"/>).
    /// </summary>
    public double[]? Edges { get; init; }

    /// <summary>
    /// The value or category of each bucket, the last being <see cref="OtherValues"/> or
    /// <see cref="CategoricalProfile.UnseenBucket"/>; <see langword="null"/> for quantile bins (see <see cref="Edges"/>).
    /// </summary>
    public string[]? Labels { get; init; }

    /// <summary>The reference rows per bucket.</summary>
    public required double[] Reference { get; init; }

    /// <summary>The current window's non-missing rows per bucket.</summary>
    public required double[] Current { get; init; }
}
