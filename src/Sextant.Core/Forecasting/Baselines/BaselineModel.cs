using System.Globalization;
using MathNet.Numerics.Distributions;

namespace Sextant.Forecasting.Baselines;

/// <summary>
/// A fitted benchmark forecast (naive, seasonal naive, drift or mean) with the prediction intervals of FPP3 section 5.5,
/// computed as R's <c>forecast::naive</c>, <c>snaive</c>, <c>rwf(drift = TRUE)</c> and <c>meanf</c> compute them.
/// </summary>
public sealed class BaselineModel : IForecastModel
{
    private readonly double[] _last;
    private readonly double _mse;
    private readonly double _drift;
    private readonly double _driftStandardError;
    private readonly int _count;

    private BaselineModel(BaselineMethod method, double[] last, double mse, double drift, double driftStandardError, int count)
    {
        Method = method;
        _last = last;
        _mse = mse;
        _drift = drift;
        _driftStandardError = driftStandardError;
        _count = count;
        var parameters = new Dictionary<string, double>(StringComparer.Ordinal) { ["sigma2"] = mse };
        if (method == BaselineMethod.Drift)
        {
            parameters["drift"] = drift;
            parameters["drift_se"] = driftStandardError;
        }
        else if (method == BaselineMethod.Mean)
        {
            parameters["mean"] = last[0];
        }

        Parameters = parameters;
        Name = method switch
        {
            BaselineMethod.Naive => "Naive",
            BaselineMethod.SeasonalNaive => string.Create(CultureInfo.InvariantCulture, $"SeasonalNaive[{last.Length}]"),
            BaselineMethod.Drift => "Drift",
            _ => "Mean",
        };
    }

    /// <summary>Which benchmark this is.</summary>
    public BaselineMethod Method { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Parameters { get; }

    /// <inheritdoc />
    public double? Aicc => null;

    /// <summary>Fits a benchmark to a series.</summary>
    /// <param name="series">The series; longer than its season for <see cref="BaselineMethod.SeasonalNaive"/>, at least two values for naive and drift (three for drift).</param>
    /// <param name="method">The benchmark.</param>
    /// <exception cref="ForecastDataException">The series is too short for the method.</exception>
    public static BaselineModel Fit(TimeSeries series, BaselineMethod method)
    {
        ArgumentNullException.ThrowIfNull(series);
        var y = series.Values;
        var n = y.Length;
        switch (method)
        {
            case BaselineMethod.Mean:
                {
                    double mean = 0;
                    for (var i = 0; i < n; i++)
                    {
                        mean += y[i];
                    }

                    mean /= n;
                    double ss = 0;
                    for (var i = 0; i < n; i++)
                    {
                        ss += (y[i] - mean) * (y[i] - mean);
                    }

                    return new BaselineModel(method, [mean], n > 1 ? ss / (n - 1) : double.NaN, 0, 0, n);
                }

            case BaselineMethod.Drift:
                {
                    ForecastDataException.RequireLength(series, 3, "the drift method");

                    // R's lagwalk: the drift is the mean step and its variance is the regression's sigma^2 on n - 2 degrees of freedom.
                    var steps = n - 1;
                    var drift = (y[n - 1] - y[0]) / steps;
                    double ss = 0;
                    for (var t = 1; t < n; t++)
                    {
                        var e = y[t] - y[t - 1] - drift;
                        ss += e * e;
                    }

                    var sigma2 = ss / (steps - 1);
                    return new BaselineModel(method, [y[n - 1]], sigma2, drift, Math.Sqrt(sigma2 / steps), n);
                }

            default:
                {
                    var lag = method == BaselineMethod.SeasonalNaive ? series.SeasonLength : 1;
                    ForecastDataException.RequireLength(series, lag + 1, method == BaselineMethod.SeasonalNaive ? "the seasonal naive method (one season plus one)" : "the naive method");
                    double ss = 0;
                    for (var t = lag; t < n; t++)
                    {
                        var e = y[t] - y[t - lag];
                        ss += e * e;
                    }

                    return new BaselineModel(method, y[(n - lag)..].ToArray(), ss / (n - lag), 0, 0, n);
                }
        }
    }

    /// <inheritdoc />
    public SeriesForecast Forecast(int horizon, IReadOnlyList<double> levels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentNullException.ThrowIfNull(levels);
        var mean = new double[horizon];
        var se = new double[horizon];
        if (Method == BaselineMethod.Mean)
        {
            Array.Fill(mean, _last[0]);
            return MeanForecast(mean, levels);
        }

        var lag = _last.Length;
        for (var h = 0; h < horizon; h++)
        {
            var steps = (h / lag) + 1;
            mean[h] = _last[h % lag] + (steps * _drift);
            var driftPart = steps * _driftStandardError;
            se[h] = Math.Sqrt((_mse * steps) + (driftPart * driftPart));
        }

        return SeriesForecast.Normal(mean, se, levels);
    }

    // meanf uses Student's t with n - 1 degrees of freedom and the sample standard deviation times sqrt(1 + 1/n).
    private SeriesForecast MeanForecast(double[] mean, IReadOnlyList<double> levels)
    {
        var bands = new PredictionBand[levels.Count];
        var width = Math.Sqrt(_mse * (1 + (1.0 / _count)));
        for (var l = 0; l < levels.Count; l++)
        {
            SeriesForecast.CheckLevel(levels[l]);
            var t = _count > 1 ? StudentT.InvCDF(0, 1, _count - 1, 0.5 + (levels[l] / 200)) : double.PositiveInfinity;
            var lower = new double[mean.Length];
            var upper = new double[mean.Length];
            for (var h = 0; h < mean.Length; h++)
            {
                lower[h] = mean[h] - (t * width);
                upper[h] = mean[h] + (t * width);
            }

            bands[l] = new PredictionBand(levels[l], lower, upper);
        }

        return new SeriesForecast(mean, bands);
    }
}
