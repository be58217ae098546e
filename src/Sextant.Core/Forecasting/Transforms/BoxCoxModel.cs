using System.Globalization;

namespace Sextant.Forecasting.Transforms;

/// <summary>A model fitted to a Box-Cox transformed series, forecasting on the original scale.</summary>
public sealed class BoxCoxModel : IForecastModel
{
    private readonly IForecastModel _inner;

    public BoxCoxModel(IForecastModel inner, double lambda)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        Lambda = lambda;
        var parameters = new Dictionary<string, double>(inner.Parameters) { ["lambda"] = lambda };
        Parameters = parameters;
    }

    /// <summary>The transform's λ (0: logarithm).</summary>
    public double Lambda { get; }

    public string Name => _inner.Name + string.Create(CultureInfo.InvariantCulture, $" with Box-Cox lambda {Lambda:G4}");

    public IReadOnlyDictionary<string, double> Parameters { get; }

    /// <summary>The inner model's criterion, on the transformed scale (comparable only between models of the same λ).</summary>
    public double? Aicc => _inner.Aicc;

    public SeriesForecast Forecast(int horizon, IReadOnlyList<double> levels)
    {
        var inner = _inner.Forecast(horizon, levels);
        var mean = inner.Mean.Select(x => BoxCox.Inverse(x, Lambda)).ToArray();
        var bands = inner.Bands.Select(b => new PredictionBand(b.Level, [.. b.Lower.Select(x => BoxCox.Inverse(x, Lambda))], [.. b.Upper.Select(x => BoxCox.Inverse(x, Lambda))])).ToList();
        return new SeriesForecast(mean, bands);
    }

    /// <summary>Fits <paramref name="fit"/> to the transformed series; <paramref name="lambda"/> NaN chooses λ by Guerrero's method on this series.</summary>
    public static IForecastModel Fit(TimeSeries series, double lambda, Func<TimeSeries, IForecastModel> fit)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(fit);
        var chosen = double.IsNaN(lambda) ? BoxCox.Guerrero(series.Values, series.SeasonLength) : lambda;
        return new BoxCoxModel(fit(series.WithValues(BoxCox.Forward(series.Values, chosen))), chosen);
    }
}
