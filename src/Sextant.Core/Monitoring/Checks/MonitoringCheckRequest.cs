namespace Sextant.Monitoring.Checks;

/// <summary>
/// What a monitoring check looks at. Without <see cref="Since"/>, <see cref="Until"/> and <see cref="Last"/> the window
/// is the configured one (<c>monitoring.window</c>); without <see cref="Version"/> and <see cref="Alias"/> the version
/// is the configured alias's (<c>monitoring.alias</c>), else the newest.
/// </summary>
public sealed record MonitoringCheckRequest
{
    /// <summary>Gets the model version to check, or <see langword="null"/>.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public int? Version { get; init; }

    /// <summary>Gets the alias whose current version is checked, or <see langword="null"/>.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public string? Alias { get; init; }

    /// <summary>Gets the earliest prediction time (inclusive).</summary>
    /// <value>Default <see langword="null"/>.</value>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Gets the latest prediction time (exclusive).</summary>
    /// <value>Default <see langword="null"/>.</value>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Gets the newest rows to keep.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public int? Last { get; init; }

    /// <summary>Gets whether the findings open, update and resolve alerts; <see langword="false"/> only reports.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool UpdateAlerts { get; init; } = true;

    /// <summary>Gets who resolves alerts when a check comes back clean.</summary>
    /// <value>Default <c>monitor</c>.</value>
    public string Actor { get; init; } = "monitor";

    /// <summary>A request from text as the command line and the HTTP API take it (times: ISO 8601 dates or date-times, UTC unless an offset is given).</summary>
    /// <exception cref="SextantException">A time is not a date, or the bounds are out of order; the message names the option.</exception>
    public static MonitoringCheckRequest Parse(int? version, string? alias, string? since, string? until, int? last, string prefix = "--")
    {
        var request = new MonitoringCheckRequest
        {
            Version = version,
            Alias = string.IsNullOrWhiteSpace(alias) ? null : alias,
            Since = Time(since, prefix + "since"),
            Until = Time(until, prefix + "until"),
            Last = last,
        };
        if (request.Since is { } s && request.Until is { } u && s >= u)
        {
            throw new SextantException($"{prefix}since ({s:u}) must be before {prefix}until ({u:u}).");
        }

        return request;
    }

    private static DateTimeOffset? Time(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? null
        : Tracking.Filters.FilterTime.TryParse(text.Trim(), out var time) ? time
        : throw new SextantException($"{name} '{text}' is not a date or date-time; use e.g. 2026-12-07 or 2026-12-07T14:30:00Z.");
}
