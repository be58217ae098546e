using System.Globalization;

namespace Sextant.Projects;

/// <summary>Durations as configuration spells them: a whole or decimal number and a unit, <c>90s</c>, <c>30m</c>, <c>24h</c>, <c>7d</c>.</summary>
public static class ConfigDuration
{
    /// <summary>Parses a duration; false (and zero) when it is not one or not positive.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length < 2)
        {
            return false;
        }

        text = text.Trim();
        var unit = char.ToLowerInvariant(text[^1]);
        if (!double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || !(amount > 0) || !double.IsFinite(amount))
        {
            return false;
        }

        TimeSpan? parsed = unit switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => null,
        };
        duration = parsed ?? TimeSpan.Zero;
        return parsed is not null;
    }

    /// <summary>Parses a duration or throws.</summary>
    /// <exception cref="SextantException">The text is not a positive duration.</exception>
    public static TimeSpan Parse(string text, string what) =>
        TryParse(text, out var d) ? d : throw new SextantException($"{what} must be a duration such as 30m, 24h or 7d; found '{text}'.");
}
