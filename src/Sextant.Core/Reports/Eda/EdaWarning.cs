namespace Sextant.Reports.Eda;

/// <summary>
/// A profiler warning: <paramref name="Kind"/> is constant, near_constant, high_cardinality, imbalance, skewed,
/// high_missing, duplicates, high_correlation, or leakage / absent_column (from the leakage guard).
/// </summary>
public sealed record EdaWarning(string Column, string Kind, string Message);
