namespace Sextant.Monitoring.Drift;

/// <summary>The drift of one feature (or the prediction, or the target) between the reference and the current window.</summary>
public sealed record FeatureDrift
{
    /// <summary>The column name.</summary>
    public required string Name { get; init; }

    /// <summary>Numeric or categorical.</summary>
    public required DriftFeatureKind Kind { get; init; }

    /// <summary>The method that decided.</summary>
    public required DriftMethod Method { get; init; }

    /// <summary>
    /// What is compared with <see cref="Threshold"/>: the p-value of a test (Holm-adjusted under
    /// <see cref="DatasetDriftRule.Corrected"/>, where the threshold is the family alpha), the score of a distance.
    /// </summary>
    public required double Score { get; init; }

    /// <summary>The test statistic (KS D, chi-square, z) or the distance.</summary>
    public required double Statistic { get; init; }

    /// <summary>The p-value of a test; <see langword="null"/> for a distance.</summary>
    public double? PValue { get; init; }

    /// <summary>The threshold: drift when p &lt; it for a test, when score &gt;= it for a distance.</summary>
    public required double Threshold { get; init; }

    /// <summary>Whether the feature drifted: <see cref="Score"/> against <see cref="Threshold"/>.</summary>
    public required bool Drifted { get; init; }

    /// <summary>
    /// Under <see cref="DatasetDriftRule.Corrected"/>, <see cref="PValue"/> Holm-adjusted over the tested features (then also
    /// the <see cref="Score"/>); otherwise <see langword="null"/>.
    /// </summary>
    public double? AdjustedPValue { get; init; }

    /// <summary>The PSI on the reference's quantile bins (or values, or categories with the unseen bucket), always computed.</summary>
    public required double Psi { get; init; }

    /// <summary>The band of <see cref="Psi"/>.</summary>
    public required PsiBand PsiBand { get; init; }

    /// <summary>Non-missing reference rows.</summary>
    public required long ReferenceRows { get; init; }

    /// <summary>Non-missing current rows.</summary>
    public required long CurrentRows { get; init; }

    /// <summary>The reference share of missing values.</summary>
    public required double ReferenceMissingShare { get; init; }

    /// <summary>The current share of missing values.</summary>
    public required double CurrentMissingShare { get; init; }

    /// <summary>The share of current non-missing rows whose category the reference never saw; 0 for a numeric feature.</summary>
    public double UnseenShare { get; init; }

    /// <summary>The buckets of <see cref="Psi"/> with both sides' counts, e.g. to draw the two distributions.</summary>
    public DriftBuckets? Buckets { get; init; }

    /// <summary>Why the feature was not tested (too few non-missing rows), or <see langword="null"/>.</summary>
    public string? Note { get; init; }
}
