using Cronos;

namespace Sextant.Scheduling;

/// <summary>
/// A cron expression in UTC (Cronos): five fields (<c>minute hour day month weekday</c>, e.g. <c>*/15 * * * *</c>), or
/// six with seconds first (<c>*/10 * * * * *</c>).
/// </summary>
public sealed class CronSchedule
{
    private readonly CronExpression _expression;

    private CronSchedule(string text, CronExpression expression)
    {
        Text = text;
        _expression = expression;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>What a valid expression looks like, for messages.</summary>
    public const string Form = "five fields: minute hour day month weekday, e.g. '*/15 * * * *'; or six with seconds first";

    /// <summary>Parses an expression.</summary>
    /// <exception cref="SextantException">It is not a cron expression; the message says what is wrong.</exception>
    public static CronSchedule Parse(string text) =>
        TryParse(text, out var schedule, out var error) ? schedule : throw new SextantException($"'{text}' is not a cron expression ({Form}): {error}");

    /// <summary>Parses an expression; false with Cronos's reason when it is not one.</summary>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CronSchedule? schedule, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        try
        {
            schedule = new CronSchedule(text, CronExpression.Parse(text, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard));
            error = null;
            return true;
        }
        catch (CronFormatException ex)
        {
            schedule = null;
            error = ex.Message;
            return false;
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null when there is none.</summary>
    public DateTimeOffset? Next(DateTimeOffset after) => _expression.GetNextOccurrence(after, TimeZoneInfo.Utc);

    /// <summary>The last occurrence in (<paramref name="after"/>, <paramref name="upTo"/>], or null when there is none.</summary>
    public DateTimeOffset? Latest(DateTimeOffset after, DateTimeOffset upTo)
    {
        DateTimeOffset? latest = null;
        for (var next = Next(after); next is { } n && n <= upTo; next = Next(n))
        {
            latest = n;
        }

        return latest;
    }

    public override string ToString() => Text;
}
