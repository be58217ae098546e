namespace Sextant.Forecasting.Arima;

/// <summary>Limits of the automatic ARIMA search; the defaults are R's <c>forecast::auto.arima</c> ones.</summary>
public sealed record AutoArimaOptions
{
    /// <summary>The largest non-seasonal AR order. <value>Default 5.</value></summary>
    public int MaxP { get; init; } = 5;

    /// <summary>The largest non-seasonal MA order. <value>Default 5.</value></summary>
    public int MaxQ { get; init; } = 5;

    /// <summary>The largest seasonal AR order. <value>Default 2.</value></summary>
    public int MaxSeasonalP { get; init; } = 2;

    /// <summary>The largest seasonal MA order. <value>Default 2.</value></summary>
    public int MaxSeasonalQ { get; init; } = 2;

    /// <summary>The largest number of ordinary differences the KPSS tests may choose. <value>Default 2.</value></summary>
    public int MaxD { get; init; } = 2;

    /// <summary>A fixed number of ordinary differences, or <see langword="null"/> to test. <value>Default null.</value></summary>
    public int? D { get; init; }

    /// <summary>A fixed number of seasonal differences (0 or 1), or <see langword="null"/> to test. <value>Default null.</value></summary>
    public int? SeasonalD { get; init; }

    /// <summary>Whether seasonal models are considered at all. <value>Default true.</value></summary>
    public bool Seasonal { get; init; } = true;

    /// <summary>Whether a drift may be fitted when d + D = 1. <value>Default true.</value></summary>
    public bool AllowDrift { get; init; } = true;

    /// <summary>Whether a mean may be fitted when d + D = 0. <value>Default true.</value></summary>
    public bool AllowMean { get; init; } = true;

    /// <summary>
    /// Whether the search fits candidates by conditional sum of squares and refits only the best by exact likelihood
    /// (R's <c>approximation</c>); null for R's rule: series longer than 150 or seasons longer than 12.
    /// <value>Default null.</value>
    /// </summary>
    public bool? Approximation { get; init; }

    /// <summary>The most models the stepwise search fits. <value>Default 94.</value></summary>
    public int MaxModels { get; init; } = 94;

    /// <summary>Rejects negative limits, more than 2 ordinary or 1 seasonal differences, and fewer than 5 models.</summary>
    /// <exception cref="ArgumentException">A limit is out of range.</exception>
    public void Validate()
    {
        if (MaxP < 0 || MaxQ < 0 || MaxSeasonalP < 0 || MaxSeasonalQ < 0)
        {
            throw new ArgumentException("The maximum ARIMA orders cannot be negative.");
        }

        if (MaxD is < 0 or > 2 || D is < 0 or > 2 || SeasonalD is < 0 or > 1)
        {
            throw new ArgumentException("At most 2 ordinary and 1 seasonal differences are supported.");
        }

        if (MaxModels < 5)
        {
            throw new ArgumentException("The stepwise search needs to fit at least 5 models.");
        }
    }
}
