namespace Sextant.Projects;

/// <summary>Cleaning rules applied at ingest, in the order listed by the properties.</summary>
public sealed record CleaningConfig
{
    /// <summary>Columns removed first.</summary>
    public IReadOnlyList<string> DropColumns { get; init; } = [];

    /// <summary>Remove rows that repeat an earlier row exactly. <value>Default false.</value></summary>
    public bool Deduplicate { get; init; }

    /// <summary>Rows with a missing value in any of these columns are removed.</summary>
    public IReadOnlyList<string> DropMissing { get; init; } = [];

    /// <summary>Missing values replaced per column: a literal, or <c>median</c>, <c>mean</c>, <c>mode</c>.</summary>
    public IReadOnlyDictionary<string, string> Fill { get; init; } = new Dictionary<string, string>();

    /// <summary>IQR outlier removal; none when absent.</summary>
    public OutlierConfig? Outliers { get; init; }
}
