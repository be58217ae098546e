using System.Globalization;

namespace Sextant.Reports.Charts;

/// <summary>Ticks on a Unix-seconds axis at calendar boundaries: months or years for long spans, days, hours or minutes for short ones.</summary>
internal static class TimeTicks
{
    private static readonly long[] s_steps = [60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400];

    public static List<(double Value, string Label)> Create(double min, double max, int target = 6)
    {
        var ticks = new List<(double, string)>();
        var span = max - min;
        if (span <= 0 || !double.IsFinite(span))
        {
            return ticks;
        }

        if (span > 60 * 86400)
        {
            var start = DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(min)).UtcDateTime;
            var end = DateTimeOffset.FromUnixTimeSeconds((long)Math.Ceiling(max)).UtcDateTime;
            var months = ((end.Year - start.Year) * 12) + end.Month - start.Month;
            var every = new[] { 1, 2, 3, 6, 12, 24, 60, 120 }.First(m => months / m <= target || m == 120);
            var first = new DateTime(start.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            for (var d = first; d <= end; d = d.AddMonths(every))
            {
                var seconds = new DateTimeOffset(d).ToUnixTimeSeconds();
                if (seconds >= min)
                {
                    ticks.Add((seconds, d.ToString(every >= 12 ? "yyyy" : "yyyy-MM", CultureInfo.InvariantCulture)));
                }
            }

            return ticks;
        }

        var step = s_steps.FirstOrDefault(s => span / s <= target, s_steps[^1]);
        var format = step >= 86400 ? "yyyy-MM-dd" : span > 86400 ? "MM-dd HH:mm" : "HH:mm";
        for (var t = Math.Ceiling(min / step) * step; t <= max; t += step)
        {
            ticks.Add((t, DateTimeOffset.FromUnixTimeSeconds((long)t).UtcDateTime.ToString(format, CultureInfo.InvariantCulture)));
        }

        return ticks;
    }
}
