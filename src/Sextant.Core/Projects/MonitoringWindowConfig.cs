namespace Sextant.Projects;

/// <summary>The current window of a check (<c>monitoring.window</c>): a rolling duration, the last rows, or both.</summary>
public sealed record MonitoringWindowConfig
{
    /// <summary>A rolling window ending now, e.g. <c>30m</c>, <c>24h</c>, <c>7d</c>; <c>none</c> (or null) for no time bound. <value>Default 24h.</value></summary>
    public string? Duration { get; init; } = "24h";

    /// <summary>The rolling duration, or <see langword="null"/> for no time bound.</summary>
    public TimeSpan? RollingDuration => IsUnbounded(Duration) ? null : ConfigDuration.Parse(Duration!, "'monitoring.window.duration'");

    /// <summary>Whether a configured duration means "no time bound".</summary>
    internal static bool IsUnbounded(string? duration) => duration is null || duration.Trim().ToLowerInvariant() is "" or "none" or "null" or "~";

    /// <summary>Keep only the newest rows of the window; 0 for all. <value>Default 0.</value></summary>
    public int Last { get; init; }
}
