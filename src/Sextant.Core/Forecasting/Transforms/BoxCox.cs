using System.Globalization;

namespace Sextant.Forecasting.Transforms;

/// <summary>
/// The Box-Cox transform <c>(y^λ - 1) / λ</c> (the logarithm at λ = 0) that steadies a series whose variance grows
/// with its level, with Guerrero's choice of λ as R's <c>forecast::BoxCox.lambda</c> makes it. Forecasts are
/// transformed back to the original scale, intervals bound by bound (the transform is monotone), the point forecast as
/// the back-transformed median (R's default, <c>biasadj = FALSE</c>).
/// </summary>
public static class BoxCox
{
    /// <summary>The range Guerrero's method searches, as R's default.</summary>
    public const double Lower = -1, Upper = 2;

    /// <summary>Parses <c>auto</c> (NaN: Guerrero's choice per series), a number, or nothing (null: no transform).</summary>
    /// <exception cref="SextantException">Neither auto nor a number in [-1, 2].</exception>
    public static double? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim() is "none" or "null")
        {
            return null;
        }

        if (text.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return double.NaN;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var lambda) && lambda is >= Lower and <= Upper
            ? lambda
            : throw new SextantException($"lambda '{text}' must be auto, none, or a number from {Lower} to {Upper} (0 is the logarithm).");
    }

    /// <summary>Transforms positive values.</summary>
    /// <exception cref="ForecastDataException">A value is zero or negative.</exception>
    public static double[] Forward(ReadOnlySpan<double> values, double lambda)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var y = values[i];
            if (!(y > 0))
            {
                throw new ForecastDataException(string.Create(CultureInfo.InvariantCulture, $"A Box-Cox transform needs positive values; value {i} is {y}. Forecast without --lambda, or shift the series."));
            }

            result[i] = lambda == 0 ? Math.Log(y) : (Math.Pow(y, lambda) - 1) / lambda;
        }

        return result;
    }

    /// <summary>Back to the original scale; a value the transform cannot reach (below <c>-1/λ</c> for λ &gt; 0) maps to the bound.</summary>
    public static double Inverse(double x, double lambda)
    {
        if (lambda == 0)
        {
            return Math.Exp(x);
        }

        var basis = (lambda * x) + 1;
        return basis <= 0 ? (lambda > 0 ? 0 : double.PositiveInfinity) : Math.Pow(basis, 1 / lambda);
    }

    /// <summary>
    /// Guerrero's λ: the series is cut into consecutive subseries of one season (two values when not seasonal), and λ
    /// minimises the coefficient of variation of <c>sd_i / mean_i^(1-λ)</c> over them (Brent's search on [-1, 2]).
    /// </summary>
    /// <exception cref="ForecastDataException">A value is not positive, or there are fewer than two subseries.</exception>
    public static double Guerrero(ReadOnlySpan<double> values, int seasonLength)
    {
        var period = Math.Max(seasonLength, 2);
        // As R: whole subseries from the start, the incomplete tail left out.
        var groups = values.Length / period;
        if (groups < 2)
        {
            throw new ForecastDataException(string.Create(CultureInfo.InvariantCulture, $"Not enough data: choosing a Box-Cox lambda needs two whole seasons of {period}; the series has {values.Length}."));
        }

        var means = new double[groups];
        var sds = new double[groups];
        for (var g = 0; g < groups; g++)
        {
            var part = values.Slice((values.Length - (groups * period)) + (g * period), period);
            var mean = 0.0;
            foreach (var v in part)
            {
                if (!(v > 0))
                {
                    throw new ForecastDataException("A Box-Cox transform needs positive values; the series has a value at or below zero.");
                }

                mean += v;
            }

            mean /= period;
            var ss = 0.0;
            foreach (var v in part)
            {
                ss += (v - mean) * (v - mean);
            }

            (means[g], sds[g]) = (mean, Math.Sqrt(ss / (period - 1)));
        }

        double CoefficientOfVariation(double lambda)
        {
            var ratios = new double[groups];
            for (var g = 0; g < groups; g++)
            {
                ratios[g] = sds[g] / Math.Pow(means[g], 1 - lambda);
            }

            var mean = ratios.Average();
            var sd = Math.Sqrt(ratios.Sum(r => (r - mean) * (r - mean)) / (groups - 1));
            return sd / mean;
        }

        return Brent(CoefficientOfVariation, Lower, Upper);
    }

    // Golden-section search with parabolic steps (Brent 1973), as R's optimize(), to its default tolerance.
    private static double Brent(Func<double, double> f, double a, double b)
    {
        const double golden = 0.3819660112501051;
        var tolerance = Math.Pow(2.220446049250313e-16, 0.25);
        double v = a + (golden * (b - a)), w = v, x = v, e = 0, d = 0;
        double fx = f(x), fv = fx, fw = fx;
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var middle = (a + b) / 2;
            var tol1 = (1.4901161193847656e-08 * Math.Abs(x)) + (tolerance / 3);
            var tol2 = 2 * tol1;
            if (Math.Abs(x - middle) <= tol2 - ((b - a) / 2))
            {
                break;
            }

            var useGolden = true;
            if (Math.Abs(e) > tol1)
            {
                var r = (x - w) * (fx - fv);
                var q = (x - v) * (fx - fw);
                var p = ((x - v) * q) - ((x - w) * r);
                q = 2 * (q - r);
                if (q > 0)
                {
                    p = -p;
                }
                else
                {
                    q = -q;
                }

                r = e;
                e = d;
                if (Math.Abs(p) < Math.Abs(q * r / 2) && p > q * (a - x) && p < q * (b - x))
                {
                    d = p / q;
                    var u0 = x + d;
                    if (u0 - a < tol2 || b - u0 < tol2)
                    {
                        d = x < middle ? tol1 : -tol1;
                    }

                    useGolden = false;
                }
            }

            if (useGolden)
            {
                e = (x < middle ? b : a) - x;
                d = golden * e;
            }

            var u = Math.Abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
            var fu = f(u);
            if (fu <= fx)
            {
                if (u < x)
                {
                    b = x;
                }
                else
                {
                    a = x;
                }

                (v, fv, w, fw, x, fx) = (w, fw, x, fx, u, fu);
            }
            else
            {
                if (u < x)
                {
                    a = u;
                }
                else
                {
                    b = u;
                }

                if (fu <= fw || w == x)
                {
                    (v, fv, w, fw) = (w, fw, u, fu);
                }
                else if (fu <= fv || v == x || v == w)
                {
                    (v, fv) = (u, fu);
                }
            }
        }

        return x;
    }
}
