using MathNet.Numerics;

namespace Sextant.Monitoring.Drift;

/// <summary>
/// The survival function P(D_n >= x) of the two-sided one-sample Kolmogorov statistic, chosen among methods as
/// Simard and L'Ecuyer (2011) recommend and as scipy 1.10's <c>kstwo.sf</c> (<c>scipy.stats._ksstats._kolmogn</c>)
/// does: the Ruben-Gambino closed forms at the ends, twice the one-sided Smirnov probability in the upper tail,
/// Durbin's matrix (Marsaglia-Tsang-Wang) or the Pelz-Good expansion elsewhere. Where scipy uses Pomeranz's recursion
/// (n &lt;= 140, 0.754693 &lt; n x^2 &lt;= 4) the Durbin matrix is used: both are exact.
/// </summary>
internal static class KolmogorovDistribution
{
    private const int ScaleExponent = 128;

    public static double Survival(int n, double x)
    {
        if (n <= 0 || double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x >= 1.0)
        {
            return 0.0;
        }

        if (x <= 0.0)
        {
            return 1.0;
        }

        var t = n * x;
        if (t <= 1.0)
        {
            if (t <= 0.5)
            {
                return 1.0;
            }

            var cdf = Math.Exp(SpecialFunctions.GammaLn(n + 1) - (n * Math.Log(n)) + (n * Math.Log((2 * t) - 1)));
            return Clip(1.0 - cdf);
        }

        if (t >= n - 1)
        {
            return Clip(2 * Math.Pow(1.0 - x, n));
        }

        if (x >= 0.5)
        {
            return Clip(2 * Smirnov(n, x));
        }

        var nxSquared = t * x;
        if (n <= 140)
        {
            return nxSquared <= 4 ? Clip(1.0 - Durbin(n, x)) : Clip(2 * Smirnov(n, x));
        }

        if (nxSquared >= 370.0)
        {
            return 0.0;
        }

        if (nxSquared >= 2.2)
        {
            return Clip(2 * Smirnov(n, x));
        }

        var cdfProbability = nxSquared >= 18.0 ? 1.0
            : n <= 100_000 && n * Math.Pow(x, 1.5) <= 1.4 ? Durbin(n, x)
            : PelzGood(n, x);
        return Clip(1.0 - cdfProbability);
    }

    /// <summary>
    /// P(D_n+ >= x), the one-sided statistic, by the Birnbaum-Tingey sum
    /// <c>x sum_j binom(n, j) (1 - x - j/n)^(n-j) (x + j/n)^(j-1)</c>, in logarithms; above a million terms by
    /// <c>exp(-(6 n x + 1)^2 / (18 n))</c> as scipy's <c>smirnov</c> does.
    /// </summary>
    internal static double Smirnov(int n, double x)
    {
        if (x >= 1.0)
        {
            return 0.0;
        }

        if (x <= 0.0)
        {
            return 1.0;
        }

        if (n > 1_000_000)
        {
            return Math.Exp(-Math.Pow((6.0 * n * x) + 1, 2) / 18.0 / n);
        }

        var last = (int)Math.Floor(n * (1 - x));
        var logX = Math.Log(x);
        double logBinomial = 0, sum = 0, largest = double.NegativeInfinity;
        for (var j = 0; j <= last; j++)
        {
            if (j > 0)
            {
                logBinomial += Math.Log((double)(n - j + 1) / j);
            }

            var rest = 1 - x - ((double)j / n);
            if (rest <= 0)
            {
                break;
            }

            var logTerm = logX + logBinomial + ((n - j) * Math.Log(rest)) + ((j - 1) * Math.Log(x + ((double)j / n)));
            var term = Math.Exp(logTerm);
            sum += term;
            if (logTerm > largest)
            {
                largest = logTerm;
            }
            else if (term < sum * 1e-18)
            {
                // Past the largest term they only shrink.
                break;
            }
        }

        return Math.Min(sum, 1.0);
    }

    /// <summary>P(D_n &lt;= d) by Durbin's matrix, computed as Marsaglia, Tsang and Wang (2003) do, with scaling.</summary>
    internal static double Durbin(int n, double d)
    {
        var nd = n * d;
        if (d >= 1.0)
        {
            return 1.0;
        }

        if (nd <= 0.5)
        {
            return 0.0;
        }

        var k = (int)Math.Ceiling(nd);
        var h = k - nd;
        var m = (2 * k) - 1;
        var v = new double[m];
        var w = new double[m];
        var factorial = 1.0;
        for (var j = 1; j <= m; j++)
        {
            w[j - 1] = factorial;
            factorial /= j;
            v[j - 1] = (1.0 - Math.Pow(h, j)) * factorial;
        }

        var tt = Math.Pow(Math.Max((2 * h) - 1.0, 0), m) - (2 * Math.Pow(h, m));
        v[m - 1] = (1.0 + tt) * factorial;
        var matrix = new double[m, m];
        for (var i = 1; i < m; i++)
        {
            for (var r = i - 1; r < m; r++)
            {
                matrix[r, i] = w[r - i + 1];
            }
        }

        for (var r = 0; r < m; r++)
        {
            matrix[r, 0] = v[r];
            matrix[m - 1, r] = v[m - 1 - r];
        }

        var power = Identity(m);
        long exponent = 0, matrixExponent = 0;
        var remaining = n;
        var scale = Math.ScaleB(1.0, ScaleExponent);
        while (remaining > 0)
        {
            if (remaining % 2 == 1)
            {
                power = Multiply(power, matrix);
                exponent += matrixExponent;
            }

            matrix = Multiply(matrix, matrix);
            matrixExponent *= 2;
            if (Math.Abs(matrix[k - 1, k - 1]) > scale)
            {
                Divide(matrix, scale);
                matrixExponent += ScaleExponent;
            }

            remaining /= 2;
        }

        var p = power[k - 1, k - 1];
        var small = Math.ScaleB(1.0, -ScaleExponent);
        for (var i = 1; i <= n; i++)
        {
            p = i * p / n;
            if (Math.Abs(p) < small)
            {
                p *= scale;
                exponent -= ScaleExponent;
            }
        }

        return Clip(Math.ScaleB(p, (int)exponent));
    }

    /// <summary>The Pelz-Good (1976) expansion of P(D_n &lt;= x), to the term in n^(-3/2).</summary>
    internal static double PelzGood(int n, double x)
    {
        if (x <= 0.0)
        {
            return 0.0;
        }

        if (x >= 1.0)
        {
            return 1.0;
        }

        const double PiSquared = Math.PI * Math.PI;
        const double PiFour = PiSquared * PiSquared;
        const double PiSix = PiFour * PiSquared;
        var sqrt2Pi = Math.Sqrt(2 * Math.PI);
        var z = Math.Sqrt(n) * x;
        double z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2;
        var qLog = -PiSquared / 8 / z2;
        if (qLog < -708)
        {
            return 0.0;
        }

        var q = Math.Exp(qLog);
        var k1a = -z2;
        var k1b = PiSquared / 4;
        var k2a = (6 * z6) + (2 * z4);
        var k2b = ((2 * z4) - (5 * z2)) * PiSquared / 4;
        var k2c = PiFour * (1 - (2 * z2)) / 16;
        var k3d = PiSix * (5 - (30 * z2)) / 64;
        var k3c = PiFour * ((-60 * z2) + (212 * z4)) / 16;
        var k3b = PiSquared * ((135 * z4) - (96 * z6)) / 4;
        var k3a = (-30 * z6) - (90 * Math.Pow(z, 8));
        Span<double> sums = stackalloc double[4];
        sums.Clear();
        var maxK = (int)Math.Ceiling(16 * z / Math.PI);
        for (var k = maxK; k > 0; k--)
        {
            double odd = (2 * k) - 1;
            double odd2 = odd * odd, odd4 = odd2 * odd2, odd6 = odd4 * odd2;
            var qPower = Math.Pow(q, 8 * k);
            sums[0] = (sums[0] * qPower) + 1.0;
            sums[1] = (sums[1] * qPower) + k1a + (k1b * odd2);
            sums[2] = (sums[2] * qPower) + k2a + (k2b * odd2) + (k2c * odd4);
            sums[3] = (sums[3] * qPower) + k3a + (k3b * odd2) + (k3c * odd4) + (k3d * odd6);
        }

        for (var i = 0; i < 4; i++)
        {
            sums[i] *= q * sqrt2Pi;
        }

        sums[0] /= z;
        sums[1] /= 6 * z4;
        sums[2] /= 72 * Math.Pow(z, 7);
        sums[3] /= 6480 * Math.Pow(z, 10);

        var q2 = Math.Exp(-PiSquared / 2 / z2);
        double k2Extra = 0, k3Extra = 0;
        var sqrt3z = Math.Sqrt(3) * z;
        for (var k = maxK; k > 0; k--)
        {
            double k2 = (double)k * k;
            var qPowers = Math.Pow(q2, k2);
            k2Extra += k2 * qPowers;
            var kPi = Math.PI * k;
            k3Extra += (sqrt3z + kPi) * (sqrt3z - kPi) * k2 * qPowers;
        }

        sums[2] += k2Extra * PiSquared * sqrt2Pi / (-36 * z3);
        sums[3] += k3Extra * PiSquared * sqrt2Pi / (216 * z6);
        var total = 0.0;
        for (var i = 0; i < 4; i++)
        {
            total += sums[i] / Math.Pow(n, i / 2.0);
        }

        return total;
    }

    private static double Clip(double p) => Math.Clamp(p, 0.0, 1.0);

    private static double[,] Identity(int m)
    {
        var identity = new double[m, m];
        for (var i = 0; i < m; i++)
        {
            identity[i, i] = 1;
        }

        return identity;
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        var m = a.GetLength(0);
        var result = new double[m, m];
        for (var i = 0; i < m; i++)
        {
            for (var l = 0; l < m; l++)
            {
                var ail = a[i, l];
                if (ail == 0)
                {
                    continue;
                }

                for (var j = 0; j < m; j++)
                {
                    result[i, j] += ail * b[l, j];
                }
            }
        }

        return result;
    }

    private static void Divide(double[,] matrix, double by)
    {
        var m = matrix.GetLength(0);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                matrix[i, j] /= by;
            }
        }
    }
}
