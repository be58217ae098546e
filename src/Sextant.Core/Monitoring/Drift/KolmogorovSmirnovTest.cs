using System.Diagnostics;

namespace Sextant.Monitoring.Drift;

/// <summary>
/// The two-sided two-sample Kolmogorov-Smirnov test as <c>scipy.stats.ks_2samp(a, b, method='auto')</c> computes it
/// (scipy 1.10): the exact distribution of D when both samples have at most <see cref="ExactLimit"/> values, else the
/// one-sample Kolmogorov distribution of D at <c>n = round(m n / (m + n))</c> (scipy's <c>kstwo.sf</c>).
/// </summary>
public static class KolmogorovSmirnovTest
{
    /// <summary>The largest sample size for which the exact p-value is computed (scipy's <c>MAX_AUTO_N</c>).</summary>
    public const int ExactLimit = 10_000;

    /// <summary>Tests whether two samples come from one continuous distribution.</summary>
    /// <param name="sortedA">The first sample, sorted ascending, without NaN.</param>
    /// <param name="sortedB">The second sample, sorted ascending, without NaN.</param>
    /// <returns>D (rounded to the lattice in the exact case, as scipy does) and the two-sided p-value.</returns>
    /// <exception cref="ArgumentException">A sample is empty.</exception>
    public static TestResult TwoSample(ReadOnlySpan<double> sortedA, ReadOnlySpan<double> sortedB)
    {
        if (sortedA.IsEmpty || sortedB.IsEmpty)
        {
            throw new ArgumentException("Both samples of a Kolmogorov-Smirnov test need at least one value.");
        }

        var d = Statistic(sortedA, sortedB);
        int n1 = sortedA.Length, n2 = sortedB.Length;
        if (Math.Max(n1, n2) <= ExactLimit)
        {
            long g = Gcd(n1, n2);
            var lcm = (n1 / g) * n2;
            var h = (long)Math.Round(d * lcm, MidpointRounding.ToEven);
            var rounded = (double)h / lcm;
            return h == 0 ? new TestResult(rounded, 1.0) : new TestResult(rounded, Math.Clamp(ExactOutsideProbability(n1, n2, g, h), 0, 1));
        }

        double m = Math.Max(n1, n2), n = Math.Min(n1, n2);
        var en = Math.Round(m * n / (m + n), MidpointRounding.ToEven);
        return new TestResult(d, Math.Clamp(KolmogorovDistribution.Survival((int)en, d), 0, 1));
    }

    /// <summary>The largest absolute difference between the two empirical distribution functions.</summary>
    internal static double Statistic(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int i = 0, j = 0;
        double max = 0, min = 0;
        double n1 = a.Length, n2 = b.Length;
        while (i < a.Length && j < b.Length)
        {
            var v = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] <= v)
            {
                i++;
            }

            while (j < b.Length && b[j] <= v)
            {
                j++;
            }

            var diff = (i / n1) - (j / n2);
            max = Math.Max(max, diff);
            min = Math.Min(min, diff);
        }

        return Math.Max(max, -min);
    }

    /// <summary>
    /// P(D >= h / lcm): one minus the share of the lattice paths from (0, 0) to (m, n) that stay strictly inside
    /// |i/m - j/n| &lt; h/lcm. Each cell holds its count of inside paths divided by binom(i + j, j), so the recursion
    /// stays within [0, 1] (scipy's <c>_compute_outer_prob_inside_method</c>).
    /// </summary>
    private static double ExactOutsideProbability(int n1, int n2, long g, long h)
    {
        int m = Math.Max(n1, n2), n = Math.Min(n1, n2);
        long mg = m / g, ng = n / g;
        var column = new double[n + 1];
        int lastLow = 0, lastHigh = -1;
        for (var i = 0; i <= m; i++)
        {
            // Inside: |ng * i - mg * j| < h.
            var low = (int)Math.Max(0, FloorDiv((ng * i) - h, mg) + 1);
            var high = (int)Math.Min(n, CeilDiv((ng * i) + h, mg) - 1);
            if (high < low)
            {
                return 1.0;
            }

            for (var j = lastLow; j < low && j <= lastHigh; j++)
            {
                column[j] = 0;
            }

            for (var j = low; j <= high; j++)
            {
                if (i == 0 && j == 0)
                {
                    column[0] = 1;
                    continue;
                }

                var fromLeft = j > lastHigh ? 0 : column[j];
                var fromBelow = j == 0 ? 0 : column[j - 1];
                column[j] = ((fromLeft * i) + (fromBelow * j)) / (i + j);
            }

            lastLow = low;
            lastHigh = high;
        }

        Debug.Assert(lastHigh == n, "The last column ends at the corner (m, n), which is always inside.");
        return 1.0 - column[n];
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static long CeilDiv(long a, long b) => -FloorDiv(-a, b);

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
