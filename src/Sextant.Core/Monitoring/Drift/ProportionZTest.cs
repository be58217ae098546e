using MathNet.Numerics;

namespace Sextant.Monitoring.Drift;

/// <summary>
/// The pooled two-proportion z-test, two-sided, as Evidently's <c>z</c> stattest (<c>proportions_diff_z_stat_ind</c>)
/// and <c>statsmodels.stats.proportion.proportions_ztest([a, b], [n1, n2])</c> compute it.
/// </summary>
public static class ProportionZTest
{
    /// <summary>Tests whether the share of one outcome is the same in two samples.</summary>
    /// <param name="referenceHits">Reference rows with the outcome.</param>
    /// <param name="referenceRows">Reference rows, at least one.</param>
    /// <param name="currentHits">Current rows with the outcome.</param>
    /// <param name="currentRows">Current rows, at least one.</param>
    /// <returns>z (reference share minus current share over the pooled standard error) and its two-sided p-value; 0
    /// and 1 when the pooled share is 0 or 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or hits exceed rows.</exception>
    public static TestResult TwoProportions(double referenceHits, double referenceRows, double currentHits, double currentRows)
    {
        if (referenceRows < 1 || currentRows < 1 || referenceHits < 0 || currentHits < 0 || referenceHits > referenceRows || currentHits > currentRows)
        {
            throw new ArgumentOutOfRangeException(nameof(referenceHits), "Hits must lie between 0 and the rows, and each sample needs a row.");
        }

        var p1 = referenceHits / referenceRows;
        var p2 = currentHits / currentRows;
        var pooled = (referenceHits + currentHits) / (referenceRows + currentRows);
        var variance = pooled * (1 - pooled) * ((1 / referenceRows) + (1 / currentRows));
        if (variance <= 0)
        {
            return new TestResult(0, 1);
        }

        var z = (p1 - p2) / Math.Sqrt(variance);
        return new TestResult(z, Math.Clamp(SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2)), 0, 1));
    }
}
