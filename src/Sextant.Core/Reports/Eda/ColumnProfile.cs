namespace Sextant.Reports.Eda;

/// <summary>
/// One column: counts for every type; moments, quantiles, histogram and outliers for numeric columns; the range for dates.
/// Standard deviation is the sample one (ddof 1) and skewness the adjusted Fisher-Pearson G1, as pandas.
/// </summary>
public sealed record ColumnProfile
{
    public required string Name { get; init; }

    /// <summary>numeric, categorical or date.</summary>
    public required string Type { get; init; }

    public bool IsTarget { get; init; }

    public long Count { get; init; }

    public long Missing { get; init; }

    public double MissingShare { get; init; }

    public long Distinct { get; init; }

    public IReadOnlyList<ValueCount> TopValues { get; init; } = [];

    public long? Zeros { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    public double? Mean { get; init; }

    public double? Std { get; init; }

    public double? Skewness { get; init; }

    /// <summary>Quantiles at 0.05, 0.25, 0.5, 0.75, 0.95 (keys "p5", "q1", "median", "q3", "p95").</summary>
    public IReadOnlyDictionary<string, double>? Quantiles { get; init; }

    public Histogram? Histogram { get; init; }

    public OutlierSummary? Outliers { get; init; }

    /// <summary>For categorical columns: 1 - entropy / log(levels), 0 when balanced.</summary>
    public double? Imbalance { get; init; }

    /// <summary>For dates: the first and last, ISO 8601.</summary>
    public string? First { get; init; }

    public string? Last { get; init; }
}
