namespace Sextant.Monitoring.Window;

/// <summary>Which logged predictions form the current window of a drift check.</summary>
public sealed record PredictionWindowQuery
{
    /// <summary>Gets the registered model.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the model version, or <see langword="null"/> for every version.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public int? Version { get; init; }

    /// <summary>Gets the alias the predictions were served through (e.g. <c>prod</c>), or <see langword="null"/> for any.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public string? Alias { get; init; }

    /// <summary>Gets the earliest prediction time (inclusive), or <see langword="null"/> for no bound.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Gets the latest prediction time (exclusive), or <see langword="null"/> for no bound.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Gets the most recent rows to keep (after the time bounds), or <see langword="null"/> for all.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public int? Last { get; init; }

    /// <summary>The window in words, for reports.</summary>
    public string Describe()
    {
        var parts = new List<string> { Version is { } v ? $"{Model} v{v}" : Model };
        if (Alias is not null)
        {
            parts.Add($"alias {Alias}");
        }

        if (Since is { } since)
        {
            parts.Add($"since {since.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z");
        }

        if (Until is { } until)
        {
            parts.Add($"until {until.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z");
        }

        if (Last is { } last)
        {
            parts.Add($"last {last} rows");
        }

        return string.Join(", ", parts);
    }
}
