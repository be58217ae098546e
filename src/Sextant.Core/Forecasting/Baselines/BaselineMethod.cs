namespace Sextant.Forecasting.Baselines;

/// <summary>The simple benchmark forecasts of Hyndman and Athanasopoulos, <i>Forecasting: Principles and Practice</i>, section 5.2.</summary>
public enum BaselineMethod
{
    /// <summary>Every future value is the last observed one (a random walk).</summary>
    Naive,

    /// <summary>Every future value is the observed value one season earlier.</summary>
    SeasonalNaive,

    /// <summary>The last value plus the average change per step (a random walk with drift).</summary>
    Drift,

    /// <summary>Every future value is the mean of the series.</summary>
    Mean,
}
