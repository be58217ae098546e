namespace Sextant.Forecasting.Selection;

/// <summary>A way to forecast a series.</summary>
public enum ForecastMethod
{
    /// <summary>Choose among the candidates by rolling-origin cross-validation.</summary>
    Auto,

    /// <summary>Automatic (seasonal) ARIMA, as <c>auto.arima</c>.</summary>
    Arima,

    /// <summary>Automatic exponential smoothing, as <c>ets</c>.</summary>
    Ets,

    /// <summary>The Theta method, as <c>thetaf</c>.</summary>
    Theta,

    /// <summary>The last value.</summary>
    Naive,

    /// <summary>The value one season earlier.</summary>
    SeasonalNaive,

    /// <summary>A random walk with drift.</summary>
    Drift,

    /// <summary>The mean of the series.</summary>
    Mean,

    /// <summary>The average of ARIMA, ETS and Theta.</summary>
    Combination,
}
