using System.Globalization;
using Sextant.Reports.Charts;

namespace Sextant.Server.Ui;

/// <summary>How the dashboard writes numbers, times and durations: thousands separators, units, UTC.</summary>
public static class UiFormat
{
    public static string Number(double value) => ChartNumber.Format(value);

    public static string Number(double? value) => value is { } v ? ChartNumber.Format(v) : "–";

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Milliseconds(double? ms) => ms is { } v && double.IsFinite(v) ? $"{ChartNumber.Format(v)} ms" : "–";

    /// <summary>A duration as people say it: 42 s, 3 min 5 s, 2 h 10 min, 3 d 4 h.</summary>
    public static string Duration(double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0)
        {
            return "–";
        }

        var span = TimeSpan.FromSeconds(seconds);
        return span.TotalSeconds < 60 ? $"{span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s"
            : span.TotalMinutes < 60 ? $"{span.Minutes} min {span.Seconds} s"
            : span.TotalHours < 24 ? $"{span.Hours} h {span.Minutes} min"
            : $"{(int)span.TotalDays} d {span.Hours} h";
    }

    /// <summary>Metric names, each once, the primary metric first and the rest in name order.</summary>
    public static List<string> PrimaryFirst(IEnumerable<string> metrics, string primary) =>
        [.. metrics.Distinct(StringComparer.Ordinal).OrderBy(k => k == primary ? 0 : 1).ThenBy(k => k, StringComparer.Ordinal)];

    /// <summary>Unix seconds, the x of a time axis chart.</summary>
    public static double UnixSeconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;
}
