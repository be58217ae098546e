using System.Globalization;

namespace Sextant.Forecasting.Risk;

/// <summary>Historical (empirical) value-at-risk and expected shortfall of a sample of returns.</summary>
public static class HistoricalRisk
{
    /// <summary>
    /// Computes the historical VaR and CVaR at <paramref name="level"/>: the quantile <c>q</c> of the returns at
    /// probability <c>1 - level</c> by linear interpolation between order statistics (R's default <c>quantile</c>,
    /// type 7), VaR <c>= -q</c>, and CVaR <c>= -mean(r : r &lt;= q)</c>.
    /// </summary>
    /// <param name="returns">The returns; at least one, all finite.</param>
    /// <param name="level">The confidence level, strictly between 0 and 1 (0.95, 0.99).</param>
    /// <returns>The VaR and CVaR as positive losses.</returns>
    /// <exception cref="ArgumentException">No returns, or a return is NaN or infinite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not strictly between 0 and 1.</exception>
    public static TailRisk Compute(ReadOnlySpan<double> returns, double level)
    {
        RiskLevel.Validate(level);
        if (returns.IsEmpty)
        {
            throw new ArgumentException("At least one return is needed for historical risk.", nameof(returns));
        }

        double[] sorted = returns.ToArray();
        foreach (double r in sorted)
        {
            if (!double.IsFinite(r))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Returns must be finite; found {r}."), nameof(returns));
            }
        }

        Array.Sort(sorted);
        double position = (1 - level) * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        double quantile = sorted[below] + ((position - below) * (sorted[above] - sorted[below]));

        double tailSum = 0;
        int tailCount = 0;
        for (int i = 0; i < sorted.Length && sorted[i] <= quantile; i++)
        {
            tailSum += sorted[i];
            tailCount++;
        }

        return new TailRisk(level, -quantile, -tailSum / tailCount);
    }
}
