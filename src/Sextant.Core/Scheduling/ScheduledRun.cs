namespace Sextant.Scheduling;

/// <summary>What a scheduler did at one occurrence of a job.</summary>
/// <param name="Job">The job's name.</param>
/// <param name="Slot">The occurrence.</param>
/// <param name="Claimed">Whether this process won the claim and ran it (false: another process did).</param>
/// <param name="Error">Why the claim or the run failed, or null.</param>
public sealed record ScheduledRun(string Job, DateTimeOffset Slot, bool Claimed, string? Error);
