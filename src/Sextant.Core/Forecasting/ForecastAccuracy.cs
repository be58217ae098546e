using System.Globalization;

namespace Sextant.Forecasting;

/// <summary>How well a forecast matched the values that then happened.</summary>
/// <param name="Smape">
/// The symmetric mean absolute percentage error of the M competitions, <c>100 * mean(2 |f - a| / (|a| + |f|))</c>, in
/// percent (0 to 200); a step where both are 0 contributes 0.
/// </param>
/// <param name="Mape">
/// The mean absolute percentage error <c>100 * mean(|f - a| / |a|)</c> in percent over the steps with <c>a != 0</c>; NaN
/// when every actual value is 0.
/// </param>
/// <param name="Mase">
/// The mean absolute scaled error: the mean absolute error divided by the in-sample mean absolute error of the seasonal
/// naive forecast on the training series (lag = season length, as R's <c>forecast::accuracy</c>; lag 1 when the series is not seasonal or no longer than
/// one season), as Hyndman and Koehler (2006) define it. Infinite when that scale is 0.
/// </param>
/// <param name="Rmse">The root mean squared error.</param>
/// <param name="Coverage">Per interval level (percent), the fraction of actual values inside the interval.</param>
public sealed record ForecastAccuracy(double Smape, double Mape, double Mase, double Rmse, IReadOnlyDictionary<double, double> Coverage)
{
    /// <summary>Scores <paramref name="forecast"/> against <paramref name="actual"/>.</summary>
    /// <param name="actual">The values that happened, one per forecast step (the first <c>actual.Length</c> steps are scored).</param>
    /// <param name="forecast">The forecast; at least as many steps as <paramref name="actual"/>.</param>
    /// <param name="training">The series the model was fitted on (for the MASE scale); at least two values.</param>
    /// <param name="seasonLength">The season length for the MASE scale.</param>
    /// <exception cref="ArgumentException">No actual value, a forecast shorter than the actual values, or a training series of fewer than two values.</exception>
    public static ForecastAccuracy Compute(ReadOnlySpan<double> actual, SeriesForecast forecast, ReadOnlySpan<double> training, int seasonLength)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        ArgumentOutOfRangeException.ThrowIfLessThan(seasonLength, 1);
        if (actual.IsEmpty)
        {
            throw new ArgumentException("At least one actual value is needed.", nameof(actual));
        }

        if (forecast.Horizon < actual.Length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The forecast has {forecast.Horizon} steps but {actual.Length} actual values are scored."), nameof(forecast));
        }

        if (training.Length < 2)
        {
            throw new ArgumentException("MASE needs a training series of at least two values.", nameof(training));
        }

        var n = actual.Length;
        double squared = 0, absolute = 0, symmetric = 0, percentage = 0;
        var percentageCount = 0;
        for (var i = 0; i < n; i++)
        {
            var a = actual[i];
            var f = forecast.Mean[i];
            var error = f - a;
            squared += error * error;
            absolute += Math.Abs(error);
            var scale = Math.Abs(a) + Math.Abs(f);
            if (scale > 0)
            {
                symmetric += 2 * Math.Abs(error) / scale;
            }

            if (a != 0)
            {
                percentage += Math.Abs(error / a);
                percentageCount++;
            }
        }

        var coverage = new Dictionary<double, double>(forecast.Bands.Count);
        foreach (var band in forecast.Bands)
        {
            var inside = 0;
            for (var i = 0; i < n; i++)
            {
                if (actual[i] >= band.Lower[i] && actual[i] <= band.Upper[i])
                {
                    inside++;
                }
            }

            coverage[band.Level] = (double)inside / n;
        }

        return new ForecastAccuracy(
            100 * symmetric / n,
            percentageCount == 0 ? double.NaN : 100 * percentage / percentageCount,
            absolute / n / MaseScale(training, seasonLength),
            Math.Sqrt(squared / n),
            coverage);
    }

    /// <summary>The in-sample mean absolute error of the seasonal naive forecast (lag 1 if the series is not longer than a season).</summary>
    public static double MaseScale(ReadOnlySpan<double> training, int seasonLength)
    {
        var lag = seasonLength > 1 && training.Length > seasonLength ? seasonLength : 1;
        double sum = 0;
        for (var t = lag; t < training.Length; t++)
        {
            sum += Math.Abs(training[t] - training[t - lag]);
        }

        return sum / (training.Length - lag);
    }
}
