using System.Globalization;

namespace Sextant.Reports.Charts;

/// <summary>Numbers as people read them: thousands separators, as many decimals as the magnitude needs, invariant culture.</summary>
public static class ChartNumber
{
    /// <summary>
    /// <paramref name="value"/> with thousands separators; integers without decimals, others with 4 significant digits
    /// below 1,000 and none at or above 10,000 (one below it). NaN is "n/a".
    /// </summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "n/a";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var magnitude = Math.Abs(value);
        if (magnitude >= 1e15)
        {
            return value.ToString("0.###e+0", CultureInfo.InvariantCulture);
        }

        if (value == Math.Round(value))
        {
            return value.ToString("#,0", CultureInfo.InvariantCulture);
        }

        if (magnitude >= 10_000)
        {
            return value.ToString("#,0", CultureInfo.InvariantCulture);
        }

        if (magnitude >= 1_000)
        {
            return value.ToString("#,0.#", CultureInfo.InvariantCulture);
        }

        if (magnitude < 1e-4)
        {
            return value.ToString("0.###e+0", CultureInfo.InvariantCulture);
        }

        var decimals = Math.Clamp(3 - (int)Math.Floor(Math.Log10(magnitude)), 0, 8);
        return Math.Round(value, decimals).ToString("#,0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }

    /// <summary><paramref name="value"/> with exactly <paramref name="decimals"/> decimals and thousands separators.</summary>
    public static string Format(double value, int decimals) =>
        double.IsNaN(value) ? "n/a" : value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage with one decimal, e.g. 0.1234 as "12.3%".</summary>
    public static string Percent(double share) =>
        double.IsNaN(share) ? "n/a" : (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
