namespace Sextant.Forecasting;

/// <summary>A model fitted to one series that forecasts its future with prediction intervals.</summary>
public interface IForecastModel
{
    /// <summary>The model in the usual notation, e.g. <c>ARIMA(0,1,1)(0,1,1)[12]</c>, <c>ETS(M,Ad,M)</c> or <c>Naive</c>.</summary>
    string Name { get; }

    /// <summary>The fitted parameters by name (coefficients, smoothing weights, the innovation variance).</summary>
    IReadOnlyDictionary<string, double> Parameters { get; }

    /// <summary>The corrected Akaike information criterion, or <see langword="null"/> for models without a likelihood.</summary>
    double? Aicc { get; }

    /// <summary>Forecasts the next <paramref name="horizon"/> steps after the fitted series.</summary>
    /// <param name="horizon">Steps ahead; at least 1.</param>
    /// <param name="levels">Interval levels in percent, each in (0, 100).</param>
    SeriesForecast Forecast(int horizon, IReadOnlyList<double> levels);
}
