namespace Sextant.Reports.Eda;

/// <summary>
/// A feature against the target. The target is read as a number: regression values, or 1 for the positive class
/// and 0 otherwise, so a mean is a positive rate. Numeric features in regression keep a strided sample of pairs
/// (<see cref="SampleX"/>, <see cref="SampleY"/>); others give the target mean per group (categories or histogram bins).
/// </summary>
public sealed record TargetRelation
{
    public required string Feature { get; init; }

    /// <summary>scatter or groups.</summary>
    public required string Kind { get; init; }

    public IReadOnlyList<string> Groups { get; init; } = [];

    public IReadOnlyList<long> GroupCounts { get; init; } = [];

    public IReadOnlyList<double> GroupMeans { get; init; } = [];

    public double[]? SampleX { get; init; }

    public double[]? SampleY { get; init; }
}
