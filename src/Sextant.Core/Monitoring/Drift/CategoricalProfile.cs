namespace Sextant.Monitoring.Drift;

/// <summary>
/// The reference frequencies of a categorical feature. Current labels not listed here fall into one "unseen" bucket,
/// whose reference count is 0.
/// </summary>
public sealed record CategoricalProfile
{
    /// <summary>The name the unseen bucket has in reports.</summary>
    public const string UnseenBucket = "(unseen)";

    /// <summary>The categories seen in the reference, in ordinal order.</summary>
    public required string[] Categories { get; init; }

    /// <summary>The reference rows per category.</summary>
    public required long[] Counts { get; init; }
}
