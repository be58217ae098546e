using Sextant.Monitoring.Checks;
using Sextant.Scheduling;

namespace Sextant.Server.Monitoring;

/// <summary>
/// Runs the monitoring check at each occurrence of <c>monitoring.schedule</c> inside <c>sextant serve</c>, through the
/// one <see cref="JobScheduler"/>: replicas sharing a store (PostgreSQL) claim each occurrence, so it runs once. A
/// failed check (e.g. no traffic in the window) is logged and counted; the schedule goes on.
/// </summary>
public sealed partial class ScheduledChecks(MonitoringRunner runner, ModelHost host, TimeProvider time, ILogger<ScheduledChecks> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (host.Project.Config.Monitoring.Schedule is not { } text)
        {
            return;
        }

        var job = new ScheduledJob($"monitoring-check:{host.Project.Name}", CronSchedule.Parse(text), async (slot, cancellationToken) =>
        {
            var result = await runner.CheckAsync(new MonitoringCheckRequest { Actor = "schedule" }, cancellationToken).ConfigureAwait(false);
            LogChecked(logger, slot, result.Version, result.WindowRows, result.Drift.Message, result.Alerts.Count);
        });
        var owner = $"{Environment.MachineName}/{Environment.ProcessId}";
        LogScheduled(logger, text, owner);
        await new JobScheduler(host.Project.Metadata, time, owner).RunAsync([job], run =>
        {
            if (run.Error is { } error)
            {
                LogFailed(logger, run.Slot, error);
            }
        }, stoppingToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitoring checks scheduled at '{Schedule}' (UTC) as {Owner}.")]
    private static partial void LogScheduled(ILogger logger, string schedule, string owner);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled check of {Slot:u}: v{Version}, {Rows} rows, {Message}; {Changes} alert change(s).")]
    private static partial void LogChecked(ILogger logger, DateTimeOffset slot, int version, int rows, string message, int changes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled check of {Slot:u} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, DateTimeOffset slot, string error);
}
