using MathNet.Numerics.LinearAlgebra;
using Sextant.Forecasting.Decomposition;

namespace Sextant.Forecasting.Ets;

/// <summary>
/// The starting states of <c>forecast:::initstate</c>: seasonal states from a classical decomposition (or, with fewer
/// than three seasons, from a regression on a trend and one Fourier pair), then the level (and growth) from the first
/// max(10, 2m) seasonally adjusted values.
/// </summary>
internal static class EtsInitialization
{
    /// <summary>
    /// The initial states <c>l, [b], s_0..s_{m-2}</c>; the last seasonal state is implied (the seasons sum to 0, or to m
    /// when multiplicative).
    /// </summary>
    public static double[] InitialStates(ReadOnlySpan<double> y, int m, EtsSpec spec)
    {
        var n = y.Length;
        double[] seasonAdjusted;
        var states = new List<double>(m + 2);
        var seasons = Array.Empty<double>();
        if (spec.HasSeason)
        {
            if (n < 4)
            {
                throw new ForecastDataException("Not enough data: a seasonal ETS model needs at least 4 observations.");
            }

            var multiplicative = spec.Season == EtsComponent.Multiplicative;
            var seasonal = new double[n];
            if (n < 3 * m)
            {
                var (intercept, slope) = FourierTrend(y, m);
                for (var t = 0; t < n; t++)
                {
                    var trend = intercept + (slope * (t + 1));
                    seasonal[t] = multiplicative ? y[t] / trend : y[t] - trend;
                }
            }
            else
            {
                var figure = ClassicalDecomposition.SeasonalFigure(y, m, multiplicative);
                for (var t = 0; t < n; t++)
                {
                    seasonal[t] = figure[t % m];
                }
            }

            seasons = new double[m - 1];
            for (var i = 0; i < m - 1; i++)
            {
                seasons[i] = seasonal[m - 1 - i];
            }

            seasonAdjusted = new double[n];
            if (multiplicative)
            {
                double sum = 0;
                for (var i = 0; i < seasons.Length; i++)
                {
                    seasons[i] = Math.Max(seasons[i], 0.01);
                    sum += seasons[i];
                }

                if (sum > m)
                {
                    var total = sum + (0.01 * seasons.Length);
                    for (var i = 0; i < seasons.Length; i++)
                    {
                        seasons[i] /= total;
                    }
                }

                for (var t = 0; t < n; t++)
                {
                    seasonAdjusted[t] = y[t] / Math.Max(seasonal[t], 0.01);
                }
            }
            else
            {
                for (var t = 0; t < n; t++)
                {
                    seasonAdjusted[t] = y[t] - seasonal[t];
                }
            }
        }
        else
        {
            m = 1;
            seasonAdjusted = y.ToArray();
        }

        var maxn = Math.Min(Math.Max(10, 2 * m), n);
        if (!spec.HasTrend)
        {
            double sum = 0;
            for (var t = 0; t < maxn; t++)
            {
                sum += seasonAdjusted[t];
            }

            states.Add(sum / maxn);
        }
        else
        {
            var (a, slope) = LineFit(seasonAdjusted.AsSpan(0, maxn));
            if (spec.Trend == EtsComponent.Additive)
            {
                double l0 = a, b0 = slope;
                if (Math.Abs(l0 + b0) < 1e-8)
                {
                    l0 *= 1 + 0.001;
                    b0 *= 1 - 0.001;
                }

                states.Add(l0);
                states.Add(b0);
            }
            else
            {
                var l0 = a + slope;
                if (Math.Abs(l0) < 1e-8)
                {
                    l0 = 1e-7;
                }

                var b0 = (a + (2 * slope)) / l0;
                l0 /= b0;
                if (Math.Abs(b0) > 1e10)
                {
                    b0 = Math.Sign(b0) * 1e10;
                }

                if (l0 < 1e-8 || b0 < 1e-8)
                {
                    l0 = Math.Max(seasonAdjusted[0], 0.001);
                    b0 = Math.Max(seasonAdjusted[1] / seasonAdjusted[0], 0.001);
                }

                states.Add(l0);
                states.Add(b0);
            }
        }

        states.AddRange(seasons);
        return [.. states];
    }

    /// <summary>Least squares of <c>x</c> on 1, 2, ..., n (R's <c>lsfit(1:n, x)</c>): intercept and slope.</summary>
    public static (double Intercept, double Slope) LineFit(ReadOnlySpan<double> x)
    {
        var n = x.Length;
        double meanT = (n + 1) / 2.0, meanX = 0;
        for (var t = 0; t < n; t++)
        {
            meanX += x[t];
        }

        meanX /= n;
        double sxy = 0, sxx = 0;
        for (var t = 0; t < n; t++)
        {
            var dt = t + 1 - meanT;
            sxy += dt * (x[t] - meanX);
            sxx += dt * dt;
        }

        var slope = sxx > 0 ? sxy / sxx : 0;
        return (meanX - (slope * meanT), slope);
    }

    // tslm(y ~ trend + fourier(y, 1)): the intercept and trend of a regression with one sine/cosine pair of period m.
    private static (double Intercept, double Slope) FourierTrend(ReadOnlySpan<double> y, int m)
    {
        var n = y.Length;
        var withSine = m != 2;
        var columns = withSine ? 4 : 3;
        var design = Matrix<double>.Build.Dense(n, columns);
        for (var t = 0; t < n; t++)
        {
            var time = t + 1;
            design[t, 0] = 1;
            design[t, 1] = time;
            var c = 2;
            if (withSine)
            {
                design[t, c++] = Math.Sin(2 * Math.PI * time / m);
            }

            design[t, c] = Math.Cos(2 * Math.PI * time / m);
        }

        var beta = design.QR().Solve(Vector<double>.Build.DenseOfArray(y.ToArray()));
        return (beta[0], beta[1]);
    }
}
