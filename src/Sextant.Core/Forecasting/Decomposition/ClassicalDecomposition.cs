namespace Sextant.Forecasting.Decomposition;

/// <summary>
/// The classical decomposition by moving averages of R's <c>stats::decompose</c>: a centred moving average of one season
/// (a 2 x m average for even m) as the trend, and per position in the season the mean of the detrended values,
/// normalised to sum to 0 (additive) or to average 1 (multiplicative). <c>forecast::ets</c> starts its seasonal states
/// from it and <c>thetaf</c> deseasonalises with it.
/// </summary>
internal static class ClassicalDecomposition
{
    /// <summary>
    /// The seasonal figure: entry <c>i</c> is the seasonal component of observations <c>i, i + m, i + 2m, ...</c>
    /// (counted from the first observation, as <c>decompose</c> aligns it).
    /// </summary>
    /// <param name="x">The series; at least two seasons.</param>
    /// <param name="m">The season length; at least 2.</param>
    /// <param name="multiplicative">Ratios to the trend rather than differences.</param>
    public static double[] SeasonalFigure(ReadOnlySpan<double> x, int m, bool multiplicative)
    {
        var n = x.Length;
        var trend = MovingAverageTrend(x, m);
        var sums = new double[m];
        var counts = new int[m];
        for (var t = 0; t < n; t++)
        {
            if (double.IsNaN(trend[t]))
            {
                continue;
            }

            sums[t % m] += multiplicative ? x[t] / trend[t] : x[t] - trend[t];
            counts[t % m]++;
        }

        var figure = new double[m];
        double mean = 0;
        for (var i = 0; i < m; i++)
        {
            figure[i] = sums[i] / counts[i];
            mean += figure[i];
        }

        mean /= m;
        for (var i = 0; i < m; i++)
        {
            figure[i] = multiplicative ? figure[i] / mean : figure[i] - mean;
        }

        return figure;
    }

    /// <summary>The centred moving average of one season (NaN where the window does not fit), <c>stats::filter(x, w)</c>.</summary>
    public static double[] MovingAverageTrend(ReadOnlySpan<double> x, int m)
    {
        var n = x.Length;
        var even = m % 2 == 0;
        var width = even ? m + 1 : m;
        var half = width / 2;
        var trend = new double[n];
        for (var t = 0; t < n; t++)
        {
            if (t - half < 0 || t + half >= n)
            {
                trend[t] = double.NaN;
                continue;
            }

            double sum = 0;
            for (var k = -half; k <= half; k++)
            {
                var w = even && (k == -half || k == half) ? 0.5 : 1.0;
                sum += w * x[t + k];
            }

            trend[t] = sum / m;
        }

        return trend;
    }
}
