using Sextant.Forecasting.Decomposition;
using Sextant.Forecasting.Ets;

namespace Sextant.Forecasting.Theta;

/// <summary>
/// The Theta method of Assimakopoulos and Nikolopoulos (2000), the M3 winner, as R's <c>forecast::thetaf</c> computes
/// it (Hyndman and Billah 2003: simple exponential smoothing with drift equal to half the slope of a linear trend).
/// When the lag-m autocorrelation is significant at 90% (the M3 test) the series is first seasonally adjusted by a
/// classical multiplicative decomposition and the forecasts reseasonalised. Intervals are those of <c>thetaf</c>:
/// the SES variance <c>sigma^2 (1 + (h - 1) alpha^2)</c> around the Theta mean.
/// </summary>
public sealed class ThetaModel : IForecastModel
{
    private readonly double _level;
    private readonly double[] _lastSeason;
    private readonly int _count;

    private ThetaModel(double alpha, double level, double drift, double sigma2, double[] lastSeason, int count)
    {
        Alpha = alpha;
        _level = level;
        Drift = drift;
        Sigma2 = sigma2;
        _lastSeason = lastSeason;
        _count = count;
        Parameters = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["alpha"] = alpha,
            ["drift"] = drift,
            ["sigma2"] = sigma2,
        };
    }

    /// <inheritdoc />
    public string Name => IsSeasonal ? "Theta (seasonally adjusted)" : "Theta";

    /// <summary>Whether the series was seasonally adjusted first.</summary>
    public bool IsSeasonal => _lastSeason.Length > 0;

    /// <summary>The SES smoothing weight (at least 1e-10).</summary>
    public double Alpha { get; }

    /// <summary>The drift per step: half the slope of the linear trend of the (adjusted) series.</summary>
    public double Drift { get; }

    /// <summary>The SES one-step innovation variance.</summary>
    public double Sigma2 { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Parameters { get; }

    /// <inheritdoc />
    public double? Aicc => null;

    /// <summary>Fits the Theta method to a series.</summary>
    /// <exception cref="ForecastDataException">The series is too short for simple exponential smoothing.</exception>
    public static ThetaModel Fit(TimeSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        ForecastDataException.RequireLength(series, 4, "the Theta method");
        var x = series.Values.ToArray();
        var n = x.Length;
        var m = series.SeasonLength;
        var lastSeason = Array.Empty<double>();
        if (m > 1 && n > 2 * m && !Arima.UnitRootTests.IsConstant(x) && SeasonalAutocorrelationSignificant(x, m))
        {
            var figure = ClassicalDecomposition.SeasonalFigure(x, m, multiplicative: true);
            if (figure.All(f => Math.Abs(f) >= 1e-4))
            {
                lastSeason = new double[m];
                for (var i = 0; i < m; i++)
                {
                    lastSeason[i] = figure[(n - m + i) % m];
                }

                for (var t = 0; t < n; t++)
                {
                    x[t] /= figure[t % m];
                }
            }
        }

        var adjusted = new TimeSeries(x);
        var ses = EtsModel.Fit(adjusted, new EtsSpec(EtsComponent.Additive, EtsComponent.None, false, EtsComponent.None), new EtsOptions { Criterion = EtsCriterion.MeanSquaredError });
        var slope = EtsInitialization.LineFit(x).Slope;
        var level = ses.Forecast(1, []).Mean[0];
        return new ThetaModel(Math.Max(1e-10, ses.Alpha), level, slope / 2, ses.Sigma2, lastSeason, n);
    }

    /// <inheritdoc />
    public SeriesForecast Forecast(int horizon, IReadOnlyList<double> levels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentNullException.ThrowIfNull(levels);
        var mean = new double[horizon];
        var se = new double[horizon];
        var start = (1 - Math.Pow(1 - Alpha, _count)) / Alpha;
        for (var h = 0; h < horizon; h++)
        {
            mean[h] = _level + (Drift * (h + start));
            if (_lastSeason.Length > 0)
            {
                mean[h] *= _lastSeason[h % _lastSeason.Length];
            }

            se[h] = Math.Sqrt(Sigma2) * Math.Sqrt((h * Alpha * Alpha) + 1);
        }

        return SeriesForecast.Normal(mean, se, levels);
    }

    // thetaf's test: |r_m| / sqrt((1 + 2 sum_{k<m} r_k^2) / n) > qnorm(0.95).
    private static bool SeasonalAutocorrelationSignificant(ReadOnlySpan<double> x, int m)
    {
        var n = x.Length;
        double mean = 0;
        foreach (var v in x)
        {
            mean += v;
        }

        mean /= n;
        double c0 = 0;
        for (var t = 0; t < n; t++)
        {
            c0 += (x[t] - mean) * (x[t] - mean);
        }

        double sum = 0, rm = 0;
        for (var k = 1; k <= m; k++)
        {
            double ck = 0;
            for (var t = 0; t + k < n; t++)
            {
                ck += (x[t] - mean) * (x[t + k] - mean);
            }

            var r = ck / c0;
            if (k < m)
            {
                sum += r * r;
            }
            else
            {
                rm = r;
            }
        }

        var stat = Math.Sqrt((1 + (2 * sum)) / n);
        return Math.Abs(rm) / stat > 1.6448536269514722;
    }
}
