using System.Globalization;

namespace Sextant.Forecasting.Risk;

/// <summary>Turns a price series into returns; the kind of return is always the caller's explicit choice.</summary>
public static class Returns
{
    /// <summary>Computes the <c>n - 1</c> returns of <paramref name="prices"/>, oldest first.</summary>
    /// <param name="prices">Prices in time order, oldest first; at least two, each finite and &gt; 0.</param>
    /// <param name="kind">Log returns <c>ln(p_t / p_{t-1})</c> or simple returns <c>p_t / p_{t-1} - 1</c>.</param>
    /// <returns>One return per consecutive pair of prices.</returns>
    /// <exception cref="ArgumentException">Fewer than two prices, or <paramref name="kind"/> is not defined.</exception>
    /// <exception cref="DegenerateSeriesException">A price is NaN, infinite, zero or negative (named by its index).</exception>
    public static double[] FromPrices(ReadOnlySpan<double> prices, ReturnKind kind)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Unknown return kind {(int)kind}."), nameof(kind));
        }

        if (prices.Length < 2)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"At least two prices are needed for one return; got {prices.Length}."),
                nameof(prices));
        }

        for (int i = 0; i < prices.Length; i++)
        {
            if (!double.IsFinite(prices[i]) || prices[i] <= 0)
            {
                throw new DegenerateSeriesException(
                    string.Create(CultureInfo.InvariantCulture, $"Price {i} is {prices[i]}: prices must be finite and > 0 to give returns."));
            }
        }

        var returns = new double[prices.Length - 1];
        for (int i = 1; i < prices.Length; i++)
        {
            double ratio = prices[i] / prices[i - 1];
            returns[i - 1] = kind == ReturnKind.Log ? Math.Log(ratio) : ratio - 1;
        }

        return returns;
    }
}
