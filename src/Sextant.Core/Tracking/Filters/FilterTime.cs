using System.Globalization;

namespace Sextant.Tracking.Filters;

/// <summary>The ISO-8601 forms a time literal may take: a date, or a date and time with optional seconds, fraction and zone.</summary>
internal static class FilterTime
{
    private static readonly string[] s_formats = BuildFormats();

    /// <summary>Parses <c>2024-05-01</c>, <c>2024-05-01T13:05</c>, <c>2024-05-01 13:05:09.5Z</c>, <c>2024-05-01T13:05:09+02:00</c>; UTC unless an offset is given.</summary>
    public static bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, s_formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    /// <summary>The form both SQLite's <c>julianday</c> and PostgreSQL's <c>timestamptz</c> read: UTC to the microsecond, e.g. <c>2024-05-01T13:05:09.500000Z</c>.</summary>
    public static string Normalize(string text)
    {
        var parsed = TryParse(text, out var value);
        System.Diagnostics.Debug.Assert(parsed, "time literals are checked when parsed");
        return value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
    }

    private static string[] BuildFormats()
    {
        var formats = new List<string> { "yyyy-MM-dd" };
        foreach (var separator in new[] { "'T'", " " })
        {
            foreach (var time in new[] { "HH:mm", "HH:mm:ss", "HH:mm:ss.FFFFFFF" })
            {
                foreach (var zone in new[] { string.Empty, "'Z'", "zzz" })
                {
                    formats.Add($"yyyy-MM-dd{separator}{time}{zone}");
                }
            }
        }

        return [.. formats];
    }
}
