namespace Sextant.Monitoring.Drift;

/// <summary>The first Wasserstein (earth mover's) distance between two samples, and Evidently's normed form.</summary>
public static class WassersteinDistance
{
    /// <summary>The smallest reference standard deviation the normed distance divides by (Evidently's 0.001).</summary>
    public const double MinimumScale = 0.001;

    /// <summary>
    /// The integral of |F_a - F_b| over the line, as <c>scipy.stats.wasserstein_distance(a, b)</c>: one merge of the
    /// two sorted samples.
    /// </summary>
    /// <param name="sortedA">The first sample, sorted ascending, without NaN, not empty.</param>
    /// <param name="sortedB">The second sample, sorted ascending, without NaN, not empty.</param>
    /// <exception cref="ArgumentException">A sample is empty.</exception>
    public static double Between(ReadOnlySpan<double> sortedA, ReadOnlySpan<double> sortedB)
    {
        if (sortedA.IsEmpty || sortedB.IsEmpty)
        {
            throw new ArgumentException("Both samples of a Wasserstein distance need at least one value.");
        }

        double n1 = sortedA.Length, n2 = sortedB.Length;
        int i = 0, j = 0;
        var previous = Math.Min(sortedA[0], sortedB[0]);
        double sum = 0;
        while (i < sortedA.Length || j < sortedB.Length)
        {
            var takeA = j == sortedB.Length || (i < sortedA.Length && sortedA[i] <= sortedB[j]);
            var x = takeA ? sortedA[i] : sortedB[j];
            sum += Math.Abs((i / n1) - (j / n2)) * (x - previous);
            previous = x;
            if (takeA)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return sum;
    }

    /// <summary>
    /// Evidently's <c>wasserstein</c> stattest: the distance divided by the reference's population standard deviation
    /// (<c>np.std</c>, at least <see cref="MinimumScale"/>), so 0.1 means a tenth of a standard deviation of mass moved.
    /// </summary>
    public static double Normed(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedCurrent, double referenceStandardDeviation) =>
        Between(sortedReference, sortedCurrent) / Math.Max(referenceStandardDeviation, MinimumScale);
}
