using System.Globalization;

namespace Sextant.Forecasting.Arima;

/// <summary>The orders of a seasonal ARIMA(p,d,q)(P,D,Q)[s] model.</summary>
/// <param name="P">Non-seasonal autoregressive order p.</param>
/// <param name="D">Non-seasonal differences d.</param>
/// <param name="Q">Non-seasonal moving-average order q.</param>
/// <param name="SeasonalP">Seasonal autoregressive order P.</param>
/// <param name="SeasonalD">Seasonal differences D.</param>
/// <param name="SeasonalQ">Seasonal moving-average order Q.</param>
/// <param name="Period">The season length s; 1 for a non-seasonal model.</param>
public readonly record struct ArimaOrder(int P, int D, int Q, int SeasonalP = 0, int SeasonalD = 0, int SeasonalQ = 0, int Period = 1)
{
    /// <summary>Whether the model has any seasonal part.</summary>
    public bool IsSeasonal => Period > 1 && (SeasonalP + SeasonalD + SeasonalQ) > 0;

    /// <summary>The total number of differences d + D.</summary>
    public int Differences => D + SeasonalD;

    /// <summary>The observations lost to differencing, d + D * s.</summary>
    public int DifferencedLength => D + (SeasonalD * Period);

    /// <summary>Rejects negative orders, a seasonal part without a period, and more than 2 + 1 differences.</summary>
    /// <exception cref="ArgumentException">An order is out of range.</exception>
    public void Validate()
    {
        if (P < 0 || D < 0 || Q < 0 || SeasonalP < 0 || SeasonalD < 0 || SeasonalQ < 0)
        {
            throw new ArgumentException($"ARIMA orders cannot be negative: {this}.");
        }

        if (Period < 1)
        {
            throw new ArgumentException("The seasonal period must be at least 1.");
        }

        if (Period == 1 && (SeasonalP + SeasonalD + SeasonalQ) > 0)
        {
            throw new ArgumentException("A seasonal ARIMA part needs a period greater than 1.");
        }

        if (D > 2 || SeasonalD > 1)
        {
            throw new ArgumentException("At most 2 ordinary and 1 seasonal differences are supported.");
        }
    }

    /// <summary>The order as R prints it: <c>ARIMA(0,1,1)(0,1,1)[12]</c>.</summary>
    public override string ToString() =>
        IsSeasonal
            ? string.Create(CultureInfo.InvariantCulture, $"ARIMA({P},{D},{Q})({SeasonalP},{SeasonalD},{SeasonalQ})[{Period}]")
            : string.Create(CultureInfo.InvariantCulture, $"ARIMA({P},{D},{Q})");
}
