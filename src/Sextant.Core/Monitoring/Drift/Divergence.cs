namespace Sextant.Monitoring.Drift;

/// <summary>
/// Distances between two binned distributions given as counts per bin (reference first): Jensen-Shannon, PSI and
/// Kullback-Leibler, with Evidently's conventions.
/// </summary>
public static class Divergence
{
    /// <summary>The share put in an empty bin by PSI and KL unless a share below it exists (Evidently's <c>feel_zeroes</c>).</summary>
    public const double EmptyBinShare = 1e-4;

    /// <summary>
    /// The Jensen-Shannon distance, natural logarithm, as <c>scipy.spatial.distance.jensenshannon(p, q)</c> (which
    /// Evidently's <c>jensenshannon</c> stattest calls without filling empty bins): the square root of the divergence, in
    /// [0, sqrt(ln 2)].
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ or a side has no count.</exception>
    public static double JensenShannon(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var (p, q) = Shares(reference, current, fillEmpty: false);
        double sum = 0;
        for (var k = 0; k < p.Length; k++)
        {
            var m = (p[k] + q[k]) / 2;
            if (p[k] > 0)
            {
                sum += p[k] * Math.Log(p[k] / m);
            }

            if (q[k] > 0)
            {
                sum += q[k] * Math.Log(q[k] / m);
            }
        }

        return Math.Sqrt(Math.Max(sum / 2, 0));
    }

    /// <summary>
    /// The population stability index <c>sum (p - q) ln(p / q)</c> over the reference's bins, empty bins filled as
    /// <see cref="EmptyBinShare"/> describes (the shares are not renormalised, as in Evidently's <c>psi</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ or a side has no count.</exception>
    public static double PopulationStabilityIndex(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var (p, q) = Shares(reference, current, fillEmpty: true);
        double sum = 0;
        for (var k = 0; k < p.Length; k++)
        {
            sum += (p[k] - q[k]) * Math.Log(p[k] / q[k]);
        }

        return sum;
    }

    /// <summary>
    /// The Kullback-Leibler divergence KL(reference || current), natural logarithm, as Evidently's <c>kl_div</c> stattest:
    /// <c>scipy.stats.entropy(p, q)</c> (which renormalises) after empty bins are filled.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ or a side has no count.</exception>
    public static double KullbackLeibler(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var (p, q) = Shares(reference, current, fillEmpty: true);
        double pSum = 0, qSum = 0;
        for (var k = 0; k < p.Length; k++)
        {
            pSum += p[k];
            qSum += q[k];
        }

        double sum = 0;
        for (var k = 0; k < p.Length; k++)
        {
            var pk = p[k] / pSum;
            sum += pk * Math.Log(pk / (q[k] / qSum));
        }

        return sum;
    }

    private static (double[] P, double[] Q) Shares(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, bool fillEmpty)
    {
        if (reference.Length != current.Length || reference.IsEmpty)
        {
            throw new ArgumentException("Both distributions need the same bins, at least one.", nameof(current));
        }

        var p = ToShares(reference, nameof(reference));
        var q = ToShares(current, nameof(current));
        if (fillEmpty)
        {
            FillEmpty(p);
            FillEmpty(q);
        }

        return (p, q);
    }

    private static double[] ToShares(ReadOnlySpan<double> counts, string name)
    {
        double total = 0;
        foreach (var c in counts)
        {
            if (c < 0 || !double.IsFinite(c))
            {
                throw new ArgumentException("Counts must be finite and >= 0.", name);
            }

            total += c;
        }

        if (total <= 0)
        {
            throw new ArgumentException("A distribution needs at least one count.", name);
        }

        var shares = new double[counts.Length];
        for (var k = 0; k < shares.Length; k++)
        {
            shares[k] = counts[k] / total;
        }

        return shares;
    }

    /// <summary>Evidently: zeros become min(nonzero) / 1e6 when that minimum is &lt;= 1e-4, else 1e-4.</summary>
    private static void FillEmpty(double[] shares)
    {
        var smallest = double.PositiveInfinity;
        foreach (var s in shares)
        {
            if (s > 0 && s < smallest)
            {
                smallest = s;
            }
        }

        var fill = smallest <= EmptyBinShare ? smallest / 1e6 : EmptyBinShare;
        for (var k = 0; k < shares.Length; k++)
        {
            if (shares[k] == 0)
            {
                shares[k] = fill;
            }
        }
    }
}
