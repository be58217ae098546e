namespace Sextant.Reports.Charts;

/// <summary>The Okabe-Ito colours (distinguishable with the common colour-vision deficiencies), and the axis greys.</summary>
internal static class Palette
{
    public const string Axis = "#666";
    public const string Grid = "#e5e5e5";
    public const string Text = "#333";

    private static readonly string[] s_series = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

    public static string Series(int index) => s_series[index % s_series.Length];

    /// <summary>A diverging blue-white-orange colour for a value in [-1, 1] (sequential white-blue when <paramref name="signed"/> is false, value in [0, 1]).</summary>
    public static string Scale(double value, bool signed)
    {
        if (double.IsNaN(value))
        {
            return "#f2f2f2";
        }

        value = Math.Clamp(value, signed ? -1 : 0, 1);
        (int R, int G, int B) low = (213, 94, 0), mid = (255, 255, 255), high = (0, 114, 178);
        var (from, to, t) = value >= 0 ? (mid, high, value) : (mid, low, -value);
        var r = (int)Math.Round(from.R + ((to.R - from.R) * t));
        var g = (int)Math.Round(from.G + ((to.G - from.G) * t));
        var b = (int)Math.Round(from.B + ((to.B - from.B) * t));
        return $"#{r:x2}{g:x2}{b:x2}";
    }

    /// <summary>Dark text on light cells, white on dark ones.</summary>
    public static string TextOn(double value) => double.IsNaN(value) || Math.Abs(value) < 0.6 ? Text : "#fff";
}
