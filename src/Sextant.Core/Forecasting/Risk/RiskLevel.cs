namespace Sextant.Forecasting.Risk;

/// <summary>The confidence levels of VaR and CVaR.</summary>
internal static class RiskLevel
{
    /// <summary>The levels a risk summary reports.</summary>
    public static readonly double[] Reported = [0.95, 0.99];

    public static void Validate(double level)
    {
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must be strictly between 0 and 1, e.g. 0.95 or 0.99.");
        }
    }
}
