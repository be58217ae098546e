namespace Sextant.Forecasting.Arima;

/// <summary>
/// The differencing decisions of Hyndman and Khandakar's automatic ARIMA, as R's <c>forecast::ndiffs</c> (KPSS test at
/// 5%) and <c>forecast::nsdiffs</c> (seasonal strength of an STL decomposition above 0.64) make them.
/// </summary>
internal static class UnitRootTests
{
    /// <summary>The 5% critical value of the KPSS level-stationarity statistic (Kwiatkowski et al. 1992, table 1).</summary>
    public const double KpssCritical5Percent = 0.463;

    /// <summary>The seasonal strength above which one seasonal difference is taken (Wang, Smith and Hyndman 2006).</summary>
    public const double SeasonalStrengthThreshold = 0.64;

    /// <summary>The KPSS statistic for level stationarity with R's <c>urca::ur.kpss</c> lag, <c>trunc(3 sqrt(n) / 13)</c>.</summary>
    public static double Kpss(ReadOnlySpan<double> y)
    {
        var n = y.Length;
        var lags = (int)Math.Truncate(3 * Math.Sqrt(n) / 13);
        double mean = 0;
        for (var i = 0; i < n; i++)
        {
            mean += y[i];
        }

        mean /= n;
        var e = new double[n];
        double cumulative = 0, eta = 0, variance = 0;
        for (var i = 0; i < n; i++)
        {
            e[i] = y[i] - mean;
            cumulative += e[i];
            eta += cumulative * cumulative;
            variance += e[i] * e[i];
        }

        eta /= (double)n * n;
        variance /= n;
        for (var lag = 1; lag <= lags; lag++)
        {
            double s = 0;
            for (var t = lag; t < n; t++)
            {
                s += e[t] * e[t - lag];
            }

            variance += 2.0 / n * (1 - (lag / (lags + 1.0))) * s;
        }

        return eta / variance;
    }

    /// <summary>The number of first differences (0 to <paramref name="maxD"/>) that make the series level-stationary by KPSS.</summary>
    public static int OrdinaryDifferences(ReadOnlySpan<double> y, int maxD = 2)
    {
        var x = y.ToArray();
        var d = 0;
        if (IsConstant(x))
        {
            return 0;
        }

        while (d < maxD && Kpss(x) > KpssCritical5Percent)
        {
            d++;
            x = ArimaModel.Difference(x, new ArimaOrder(0, 1, 0));
            if (IsConstant(x))
            {
                return d;
            }
        }

        return d;
    }

    /// <summary>The seasonal strength <c>max(0, 1 - var(remainder) / var(remainder + seasonal))</c> of R's <c>mstl</c> decomposition.</summary>
    public static double SeasonalStrength(ReadOnlySpan<double> y, int period)
    {
        var (seasonal, trend) = Decomposition.Stl.Decompose(y, period);
        var remainder = new double[y.Length];
        var both = new double[y.Length];
        for (var i = 0; i < y.Length; i++)
        {
            remainder[i] = y[i] - seasonal[i] - trend[i];
            both[i] = remainder[i] + seasonal[i];
        }

        return Math.Max(0, Math.Min(1, 1 - (Variance(remainder) / Variance(both))));
    }

    /// <summary>One seasonal difference (or none) as <c>nsdiffs(test = "seas", max.D = 1)</c> decides.</summary>
    public static int SeasonalDifferences(ReadOnlySpan<double> y, int period)
    {
        if (period < 2 || y.Length <= 2 * period || IsConstant(y))
        {
            return 0;
        }

        return SeasonalStrength(y, period) > SeasonalStrengthThreshold ? 1 : 0;
    }

    public static bool IsConstant(ReadOnlySpan<double> y)
    {
        for (var i = 1; i < y.Length; i++)
        {
            if (y[i] != y[0])
            {
                return false;
            }
        }

        return true;
    }

    private static double Variance(ReadOnlySpan<double> x)
    {
        double mean = 0;
        for (var i = 0; i < x.Length; i++)
        {
            mean += x[i];
        }

        mean /= x.Length;
        double ss = 0;
        for (var i = 0; i < x.Length; i++)
        {
            ss += (x[i] - mean) * (x[i] - mean);
        }

        return ss / (x.Length - 1);
    }
}
