namespace Sextant.Reports.Charts;

/// <summary>A linear axis range widened to round ticks (1, 2, 2.5 or 5 times a power of ten), as in Heckbert's "nice numbers".</summary>
internal readonly record struct NiceScale(double Min, double Max, double Step)
{
    public static NiceScale Create(double min, double max, int targetTicks = 5, bool includeZero = false)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            return new NiceScale(0, 1, 0.25);
        }

        if (includeZero)
        {
            min = Math.Min(min, 0);
            max = Math.Max(max, 0);
        }

        if (max <= min)
        {
            var pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            min -= pad;
            max += pad;
        }

        var step = NiceStep((max - min) / Math.Max(1, targetTicks));
        var low = Math.Floor(min / step) * step;
        var high = Math.Ceiling(max / step) * step;
        return new NiceScale(low, high, step);
    }

    /// <summary>
    /// A scale of whole numbers: steps of 1, 2, 5, 10, ... and, with <paramref name="pad"/>, a unit of room below and
    /// above the data (never below zero for data that is not negative).
    /// </summary>
    public static NiceScale Whole(double min, double max, int targetTicks = 5, bool pad = false)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            return new NiceScale(0, 1, 1);
        }

        var low = Math.Floor(min) - (pad ? 1 : 0);
        low = min >= 0 ? Math.Max(0, low) : low;
        var high = Math.Max(Math.Ceiling(max) + (pad ? 1 : 0), low + 1);
        var step = NiceStep((high - low) / Math.Max(1, targetTicks));
        // 2.5 is the one nice step below 10 that is not whole.
        step = step < 1 ? 1 : step == 2.5 ? 2 : step;
        return new NiceScale(Math.Floor(low / step) * step, Math.Ceiling(high / step) * step, step);
    }

    /// <summary>The tick values from <see cref="Min"/> to <see cref="Max"/>.</summary>
    public IEnumerable<double> Ticks()
    {
        var count = (int)Math.Round((Max - Min) / Step);
        for (var i = 0; i <= count; i++)
        {
            // Rounded to the step's decimals so 0.1 * 3 prints as 0.3.
            yield return Math.Round(Min + (i * Step), 12);
        }
    }

    /// <summary>Maps a value to [from, to] (pixels).</summary>
    public double Map(double value, double from, double to) => Max == Min ? from : from + ((value - Min) / (Max - Min) * (to - from));

    private static double NiceStep(double raw)
    {
        var exponent = Math.Floor(Math.Log10(raw));
        var power = Math.Pow(10, exponent);
        var fraction = raw / power;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }
}
