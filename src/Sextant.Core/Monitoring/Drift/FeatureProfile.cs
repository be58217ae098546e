namespace Sextant.Monitoring.Drift;

/// <summary>The reference profile of one column: its missing share and a numeric or categorical distribution.</summary>
public sealed record FeatureProfile
{
    /// <summary>The column name.</summary>
    public required string Name { get; init; }

    /// <summary>Numeric or categorical.</summary>
    public required DriftFeatureKind Kind { get; init; }

    /// <summary>The rows profiled, missing included.</summary>
    public required long Rows { get; init; }

    /// <summary>The rows where the value is missing.</summary>
    public required long Missing { get; init; }

    /// <summary>The share of missing values, 0 to 1 (0 when no rows).</summary>
    public double MissingShare => Rows == 0 ? 0 : (double)Missing / Rows;

    /// <summary>The distribution of a numeric column, else <see langword="null"/>.</summary>
    public NumericProfile? Numeric { get; init; }

    /// <summary>The distribution of a categorical column, else <see langword="null"/>.</summary>
    public CategoricalProfile? Categorical { get; init; }
}
