namespace Sextant.Monitoring.Alerts;

/// <summary>
/// A stored alert. At most one per model and kind is active (open or acknowledged): a later finding of the same kind
/// updates it (<see cref="Occurrences"/> counts the findings) instead of raising another.
/// </summary>
public sealed record Alert
{
    public required long Id { get; init; }

    public required string Model { get; init; }

    /// <summary>The version of the latest finding.</summary>
    public int? Version { get; init; }

    public required AlertKind Kind { get; init; }

    public required AlertSeverity Severity { get; init; }

    public required AlertState State { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>The time of the latest finding or change.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public string? AcknowledgedBy { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public string? ResolvedBy { get; init; }

    /// <summary>How many findings this alert has absorbed (1 when opened).</summary>
    public required int Occurrences { get; init; }

    public required IReadOnlyList<string> Features { get; init; }

    public required IReadOnlyDictionary<string, double> Scores { get; init; }

    public required string Message { get; init; }
}
