namespace Sextant.Scheduling;

/// <summary>A stored claim of a scheduled run: who ran which occurrence, when it ended and how.</summary>
public sealed record ScheduledRunRecord(string Job, DateTimeOffset Slot, string ClaimedBy, DateTimeOffset ClaimedAt, DateTimeOffset? FinishedAt, string? Error);
