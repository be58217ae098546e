using MathNet.Numerics;

namespace Sextant.Monitoring.Drift;

/// <summary>
/// Pearson's chi-square test of homogeneity of two samples of categories (a 2 x k contingency table), as
/// <c>scipy.stats.chi2_contingency([reference, current], correction=False)</c>. Categories absent from both samples are
/// left out. Evidently instead tests the current counts against the reference shares taken as exact
/// (<c>chisquare(f_obs, f_exp)</c>); that ignores the reference's own sampling noise, so its false alarms grow with the
/// current window when the reference is small, and it is undefined for a category the reference never saw.
/// </summary>
public static class ChiSquareTest
{
    /// <summary>Tests whether two samples of categories share one distribution.</summary>
    /// <param name="reference">Counts per category in the reference sample (the unseen bucket counts 0 there).</param>
    /// <param name="current">Counts per category in the current sample, in the same order.</param>
    /// <returns>The chi-square statistic and its p-value with (categories present - 1) degrees of freedom; 0 and 1
    /// when fewer than two categories are present.</returns>
    /// <exception cref="ArgumentException">The lengths differ, a count is negative, or a sample is empty.</exception>
    public static TestResult Homogeneity(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        if (reference.Length != current.Length)
        {
            throw new ArgumentException("The reference and current counts must have one entry per category each.", nameof(current));
        }

        double referenceTotal = 0, currentTotal = 0;
        var present = 0;
        for (var k = 0; k < reference.Length; k++)
        {
            if (reference[k] < 0 || current[k] < 0 || !double.IsFinite(reference[k]) || !double.IsFinite(current[k]))
            {
                throw new ArgumentException("Counts must be finite and >= 0.", nameof(reference));
            }

            referenceTotal += reference[k];
            currentTotal += current[k];
            if (reference[k] + current[k] > 0)
            {
                present++;
            }
        }

        if (referenceTotal <= 0 || currentTotal <= 0)
        {
            throw new ArgumentException("Both samples of a chi-square test need at least one count.", nameof(reference));
        }

        if (present < 2)
        {
            return new TestResult(0, 1);
        }

        var total = referenceTotal + currentTotal;
        double statistic = 0;
        for (var k = 0; k < reference.Length; k++)
        {
            var column = reference[k] + current[k];
            if (column <= 0)
            {
                continue;
            }

            var expectedReference = referenceTotal * column / total;
            var expectedCurrent = currentTotal * column / total;
            var a = reference[k] - expectedReference;
            var b = current[k] - expectedCurrent;
            statistic += (a * a / expectedReference) + (b * b / expectedCurrent);
        }

        var p = SpecialFunctions.GammaUpperRegularized((present - 1) / 2.0, statistic / 2.0);
        return new TestResult(statistic, Math.Clamp(p, 0, 1));
    }
}
