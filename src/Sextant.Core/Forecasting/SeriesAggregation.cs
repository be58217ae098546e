namespace Sextant.Forecasting;

/// <summary>How several rows with the same period become one value.</summary>
public enum SeriesAggregation
{
    /// <summary>Each period must have at most one row; duplicates are refused.</summary>
    None,

    /// <summary>The sum of the rows (demand, sales).</summary>
    Sum,

    /// <summary>The mean of the rows (prices, rates).</summary>
    Mean,
}
