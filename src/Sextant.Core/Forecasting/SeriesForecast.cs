namespace Sextant.Forecasting;

/// <summary>Point forecasts for the next steps of a series, with prediction intervals.</summary>
/// <param name="Mean">The point forecast (the mean of the forecast distribution) per step.</param>
/// <param name="Bands">One interval per asked level, in the order asked.</param>
public sealed record SeriesForecast(double[] Mean, IReadOnlyList<PredictionBand> Bands)
{
    /// <summary>The number of steps forecast.</summary>
    public int Horizon => Mean.Length;

    /// <summary>
    /// Builds a forecast whose distribution at each step is normal with the given mean and standard deviation, as every
    /// model here assumes for its errors.
    /// </summary>
    /// <param name="mean">The point forecasts.</param>
    /// <param name="standardError">The forecast standard deviation per step.</param>
    /// <param name="levels">The interval levels in percent, each in (0, 100).</param>
    public static SeriesForecast Normal(double[] mean, ReadOnlySpan<double> standardError, IReadOnlyList<double> levels)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(levels);
        var bands = new PredictionBand[levels.Count];
        for (var l = 0; l < levels.Count; l++)
        {
            var z = NormalQuantile(levels[l]);
            var lower = new double[mean.Length];
            var upper = new double[mean.Length];
            for (var h = 0; h < mean.Length; h++)
            {
                lower[h] = mean[h] - (z * standardError[h]);
                upper[h] = mean[h] + (z * standardError[h]);
            }

            bands[l] = new PredictionBand(levels[l], lower, upper);
        }

        return new SeriesForecast(mean, bands);
    }

    /// <summary>The standard normal quantile of a central interval at <paramref name="level"/> percent.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The level is not in (0, 100).</exception>
    public static double NormalQuantile(double level)
    {
        CheckLevel(level);
        return MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.5 + (level / 200));
    }

    /// <summary>Rejects a level outside (0, 100).</summary>
    public static void CheckLevel(double level)
    {
        if (!(level > 0 && level < 100))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "An interval level is a percentage strictly between 0 and 100.");
        }
    }
}
