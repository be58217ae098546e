using Sextant.Storage;

namespace Sextant.Scheduling;

/// <summary>
/// The one scheduler of Sextant: runs jobs at the occurrences of their cron schedules, on a <see cref="TimeProvider"/>
/// (tests move time). Before running an occurrence it claims it in the metadata store (a row keyed by job and slot),
/// so processes sharing a store (replicas on PostgreSQL) run each occurrence exactly once. An occurrence missed while
/// busy or asleep is run once, late; older missed ones are skipped. A failing job is recorded and the schedule goes on.
/// </summary>
public sealed class JobScheduler
{
    private readonly IMetadataStore _store;
    private readonly TimeProvider _time;
    private readonly string _owner;

    /// <summary>Creates a scheduler that claims runs in <paramref name="store"/> as <paramref name="owner"/> (e.g. host and process id).</summary>
    public JobScheduler(IMetadataStore store, TimeProvider time, string owner)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        _store = store;
        _time = time;
        _owner = owner;
    }

    /// <summary>Runs the jobs until cancelled; <paramref name="observe"/> hears about every occurrence (for logs and tests).</summary>
    public async Task RunAsync(IReadOnlyList<ScheduledJob> jobs, Action<ScheduledRun>? observe = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var start = _time.GetUtcNow();
        var after = jobs.ToDictionary(j => j.Name, _ => start, StringComparer.Ordinal);
        while (!cancellationToken.IsCancellationRequested)
        {
            var next = jobs.Select(j => j.Schedule.Next(after[j.Name])).Where(n => n is not null).Select(n => n!.Value).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
            if (next == DateTimeOffset.MaxValue)
            {
                return;
            }

            var wait = next - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
            }

            var now = _time.GetUtcNow();
            foreach (var job in jobs)
            {
                if (job.Schedule.Latest(after[job.Name], now) is not { } slot)
                {
                    continue;
                }

                after[job.Name] = slot;
                var outcome = await RunOnceAsync(job, slot, cancellationToken).ConfigureAwait(false);
                if (outcome is null)
                {
                    return;
                }

                observe?.Invoke(outcome);
            }
        }
    }

    // Null when cancelled.
    private async Task<ScheduledRun?> RunOnceAsync(ScheduledJob job, DateTimeOffset slot, CancellationToken cancellationToken)
    {
        try
        {
            if (!await _store.ClaimScheduledRunAsync(job.Name, slot, _owner, cancellationToken).ConfigureAwait(false))
            {
                return new ScheduledRun(job.Name, slot, false, null);
            }
        }
        catch (Exception ex) when (ex is SextantException or System.Data.Common.DbException or TimeoutException)
        {
            return new ScheduledRun(job.Name, slot, false, $"could not claim the run: {ex.Message}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        string? error = null;
        try
        {
            await job.Run(slot, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error = "cancelled: the process stopped";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A job's failure is the job's: recorded with its run, and the schedule goes on.
            error = ex.Message;
        }

        try
        {
            await _store.FinishScheduledRunAsync(job.Name, slot, error, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SextantException or System.Data.Common.DbException or TimeoutException)
        {
            error ??= $"could not record the run's end: {ex.Message}";
        }

        return cancellationToken.IsCancellationRequested ? null : new ScheduledRun(job.Name, slot, true, error);
    }
}
