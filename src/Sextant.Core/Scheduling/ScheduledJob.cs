namespace Sextant.Scheduling;

/// <summary>
/// A job run by <see cref="JobScheduler"/> at each occurrence of its schedule. Its <see cref="Name"/> is the key of
/// the run claims in the store: processes sharing a store run each occurrence of a name once.
/// </summary>
/// <param name="Name">A stable name, e.g. <c>monitoring-check:sales</c>.</param>
/// <param name="Schedule">When it runs.</param>
/// <param name="Run">The work, given the occurrence (the slot) it runs for.</param>
public sealed record ScheduledJob(string Name, CronSchedule Schedule, Func<DateTimeOffset, CancellationToken, Task> Run);
