using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Sextant.Forecasting.Ets;

/// <summary>
/// Forecast means and variances of ETS models, as <c>forecast.ets</c> computes them: R's <c>class1</c> (additive errors,
/// linear trend and season; Hyndman et al. 2008, chapter 6), <c>class2</c> (multiplicative errors on those), <c>class3</c>
/// (multiplicative errors and season) and, for the rest, quantiles of simulated paths.
/// </summary>
internal static class EtsForecastVariance
{
    /// <summary>
    /// The point forecasts <c>H F^j x</c> and the coefficients <c>c_j = H F^(j-1) G</c> (j = 1..h-1) of the linear form.
    /// The seasonal smoothing weight enters the newest seasonal state; R's <c>class1</c> puts it in the third state
    /// whatever the trend, which for models without trend moves the seasonal term of the variance one step early.
    /// </summary>
    public static (double[] Mean, double[] C) Linear(ReadOnlySpan<double> state, EtsSpec spec, int m, EtsRecursion.Parameters par, int horizon)
    {
        var p = state.Length;
        var phi = spec.Damped ? par.Phi : 1;
        var trended = spec.HasTrend;
        var seasonal = spec.HasSeason;
        var h = new double[p];
        h[0] = 1;
        if (seasonal)
        {
            h[p - 1] = 1;
        }

        if (trended)
        {
            h[1] = phi;
        }

        var f = new double[p, p];
        f[0, 0] = 1;
        if (trended)
        {
            f[0, 1] = f[1, 1] = phi;
        }

        if (seasonal)
        {
            f[p - m, p - 1] = 1;
            for (var i = 1; i < m; i++)
            {
                f[p - m + i, p - m + i - 1] = 1;
            }
        }

        var g = new double[p];
        g[0] = par.Alpha;
        if (trended)
        {
            g[1] = par.Beta;
        }

        if (seasonal)
        {
            g[p - m] = par.Gamma;
        }

        var mu = new double[horizon];
        var c = new double[Math.Max(horizon - 1, 0)];
        var row = h;
        var next = new double[p];
        for (var i = 0; i < horizon; i++)
        {
            double dotX = 0, dotG = 0;
            for (var k = 0; k < p; k++)
            {
                dotX += row[k] * state[k];
                dotG += row[k] * g[k];
            }

            mu[i] = dotX;
            if (i < horizon - 1)
            {
                c[i] = dotG;
                Array.Clear(next);
                for (var k = 0; k < p; k++)
                {
                    if (row[k] == 0)
                    {
                        continue;
                    }

                    for (var l = 0; l < p; l++)
                    {
                        next[l] += row[k] * f[k, l];
                    }
                }

                (row, next) = (next, row);
            }
        }

        return (mu, c);
    }

    /// <summary>Additive errors: <c>sigma^2 (1 + sum_{j&lt;h} c_j^2)</c>.</summary>
    public static double[] AdditiveErrors(ReadOnlySpan<double> c, double sigma2)
    {
        var variance = new double[c.Length + 1];
        double sum = 0;
        variance[0] = sigma2;
        for (var i = 0; i < c.Length; i++)
        {
            sum += c[i] * c[i];
            variance[i + 1] = sigma2 * (1 + sum);
        }

        return variance;
    }

    /// <summary>Multiplicative errors on a linear model (R's <c>class2</c>).</summary>
    public static double[] MultiplicativeErrors(ReadOnlySpan<double> mu, ReadOnlySpan<double> c, double sigma2)
    {
        var h = mu.Length;
        var theta = new double[h];
        theta[0] = mu[0] * mu[0];
        for (var j = 1; j < h; j++)
        {
            double sum = 0;
            for (var k = 0; k < j; k++)
            {
                sum += c[k] * c[k] * theta[j - 1 - k];
            }

            theta[j] = (mu[j] * mu[j]) + (sigma2 * sum);
        }

        var variance = new double[h];
        for (var j = 0; j < h; j++)
        {
            variance[j] = ((1 + sigma2) * theta[j]) - (mu[j] * mu[j]);
        }

        return variance;
    }

    /// <summary>Multiplicative errors and season with no or an additive trend (R's <c>class3</c>): means and variances.</summary>
    public static (double[] Mean, double[] Variance) MultiplicativeSeason(ReadOnlySpan<double> state, EtsSpec spec, int m, EtsRecursion.Parameters par, double sigma2, int horizon)
    {
        var build = Matrix<double>.Build;
        var p = state.Length;
        var k = spec.HasTrend ? 2 : 1;
        var h1 = build.Dense(1, k, 1.0);
        var h2 = build.Dense(1, m);
        h2[0, m - 1] = 1;
        Matrix<double> f1, g1;
        if (!spec.HasTrend)
        {
            f1 = build.Dense(1, 1, 1.0);
            g1 = build.Dense(1, 1, par.Alpha);
        }
        else
        {
            f1 = build.DenseOfArray(new[,] { { 1, 1 }, { 0, spec.Damped ? par.Phi : 1 } });
            g1 = build.DenseOfArray(new[,] { { par.Alpha, par.Alpha }, { par.Beta, par.Beta } });
        }

        var f2 = build.Dense(m, m);
        f2[0, m - 1] = 1;
        for (var i = 1; i < m; i++)
        {
            f2[i, i - 1] = 1;
        }

        var g2 = build.Dense(m, m);
        g2[0, m - 1] = par.Gamma;
        var levelPart = build.Dense(p - m, 1);
        for (var i = 0; i < p - m; i++)
        {
            levelPart[i, 0] = state[i];
        }

        var seasonPart = build.Dense(1, m);
        for (var i = 0; i < m; i++)
        {
            seasonPart[0, i] = state[p - m + i];
        }

        var mh = levelPart * seasonPart;
        var vh = build.Dense(k * m, k * m);
        var h21 = h2.KroneckerProduct(h1);
        var f21 = f2.KroneckerProduct(f1);
        var g21 = g2.KroneckerProduct(g1);
        var kk = g2.KroneckerProduct(f1) + f2.KroneckerProduct(g1);
        var f21t = f21.Transpose();
        var g21t = g21.Transpose();
        var kkt = kk.Transpose();
        var mu = new double[horizon];
        var variance = new double[horizon];
        for (var i = 0; i < horizon; i++)
        {
            mu[i] = (h1 * mh * h2.Transpose())[0, 0];
            variance[i] = ((1 + sigma2) * (h21 * vh * h21.Transpose())[0, 0]) + (sigma2 * mu[i] * mu[i]);
            var vec = build.DenseOfColumnMajor(k * m, 1, mh.ToColumnMajorArray());
            var outer = vec * vec.Transpose();
            vh = (f21 * vh * f21t) + (sigma2 * ((f21 * vh * g21t) + (g21 * vh * f21t) + (kk * (vh + outer) * kkt) + (sigma2 * (g21 * ((3 * vh) + (2 * outer)) * g21t))));
            mh = (f1 * mh * f2.Transpose()) + (g1 * mh * g2.Transpose() * sigma2);
        }

        return (mu, variance);
    }

    /// <summary>
    /// Intervals from simulated future paths with normal innovations of variance sigma^2 (R's <c>pegelsfcast.C</c>: type
    /// 8 quantiles per step), around the point forecasts.
    /// </summary>
    public static SeriesForecast Simulated(double[] state, EtsSpec spec, int m, EtsRecursion.Parameters par, double sigma2, int horizon, IReadOnlyList<double> levels, int paths, int seed)
    {
        var mean = new double[horizon];
        EtsRecursion.Forecast(state, m, spec, par.Phi, mean);
        if (Math.Abs(mean[0] - EtsRecursion.NotAvailable) < 1e-7)
        {
            throw new ForecastDataException($"{spec.Name} cannot forecast: its multiplicative damped trend turned negative.");
        }

        var random = new Random(seed);
        var sd = Math.Sqrt(sigma2);
        var innovations = new double[horizon];
        var path = new double[horizon];
        var columns = new double[horizon][];
        for (var h = 0; h < horizon; h++)
        {
            columns[h] = new double[paths];
        }

        var kept = 0;
        for (var r = 0; r < paths; r++)
        {
            for (var h = 0; h < horizon; h++)
            {
                innovations[h] = Normal.Sample(random, 0, sd);
            }

            if (!EtsRecursion.Simulate(state, m, spec, par, innovations, path))
            {
                continue;
            }

            for (var h = 0; h < horizon; h++)
            {
                columns[h][kept] = path[h];
            }

            kept++;
        }

        var bands = new PredictionBand[levels.Count];
        for (var l = 0; l < levels.Count; l++)
        {
            bands[l] = new PredictionBand(levels[l], new double[horizon], new double[horizon]);
        }

        for (var h = 0; h < horizon; h++)
        {
            var sorted = columns[h].AsSpan(0, kept);
            sorted.Sort();
            for (var l = 0; l < levels.Count; l++)
            {
                bands[l].Lower[h] = QuantileType8(sorted, 0.5 - (levels[l] / 200));
                bands[l].Upper[h] = QuantileType8(sorted, 0.5 + (levels[l] / 200));
            }
        }

        return new SeriesForecast(mean, bands);
    }

    /// <summary>R's <c>quantile(type = 8)</c> (median-unbiased) of sorted values.</summary>
    public static double QuantileType8(ReadOnlySpan<double> sorted, double probability)
    {
        var n = sorted.Length;
        if (n == 0)
        {
            return double.NaN;
        }

        var position = (n * probability) + ((probability + 1) / 3.0);
        var j = (int)Math.Floor(position);
        var g = position - j;
        var lower = sorted[Math.Clamp(j - 1, 0, n - 1)];
        var upper = sorted[Math.Clamp(j, 0, n - 1)];
        return ((1 - g) * lower) + (g * upper);
    }
}
