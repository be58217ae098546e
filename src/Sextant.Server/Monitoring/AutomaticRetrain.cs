using Sextant.Monitoring.Alerts;
using Sextant.Monitoring.Retraining;
using Sextant.Projects;
using Sextant.Server.Metrics;

namespace Sextant.Server.Monitoring;

/// <summary>
/// Retrains on an alert when <c>monitoring.retrain</c> says so (its kinds, <c>automatic: true</c>): at most one retrain at
/// a time in this process, none within the cooldown of the last one of any process sharing the store (the claims of the
/// one scheduler's <c>scheduled_runs</c> table, job <c>retrain:MODEL</c>), in the background so the check that raised
/// the alert returns at once. The gate decides; a promotion reaches every server of the alias through its watcher.
/// </summary>
public sealed partial class AutomaticRetrain(ModelHost host, MonitoringMetrics metrics, TimeProvider time, ILogger<AutomaticRetrain> logger, IHostApplicationLifetime lifetime)
{
    private int _running;

    /// <summary>The task of the retrain started last, for tests and shutdown; completed when none ran.</summary>
    public Task Current { get; private set; } = Task.CompletedTask;

    /// <summary>Starts a retrain for the first opened or updated alert of a configured kind, unless one runs or the cooldown holds.</summary>
    public async Task ConsiderAsync(IReadOnlyList<AlertChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (host.Project.Config.Monitoring.Retrain is not { Automatic: true } config)
        {
            return;
        }

        var trigger = changes.FirstOrDefault(c => c.Change is AlertChangeKind.Opened or AlertChangeKind.Updated && config.Kinds.Contains(AlertNames.Of(c.Alert.Kind)));
        if (trigger is null)
        {
            return;
        }

        var job = $"retrain:{host.Project.Name}";
        var now = time.GetUtcNow();
        ConfigDuration.TryParse(config.Cooldown, out var cooldown);
        var last = (await host.Project.Metadata.ListScheduledRunsAsync(job, 1, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (last is not null && now - last.ClaimedAt < cooldown)
        {
            LogCooldown(logger, trigger.Alert.Id, last.ClaimedAt, config.Cooldown);
            return;
        }

        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            LogBusy(logger, trigger.Alert.Id);
            return;
        }

        // One claim per second of any process: two replicas reacting to the same alert retrain once.
        var slot = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var owner = $"{Environment.MachineName}/{Environment.ProcessId}";
        if (!await host.Project.Metadata.ClaimScheduledRunAsync(job, slot, owner, cancellationToken).ConfigureAwait(false))
        {
            Interlocked.Exchange(ref _running, 0);
            return;
        }

        var alert = trigger.Alert;
        Current = Task.Run(() => RunAsync(job, slot, alert), CancellationToken.None);
    }

    private async Task RunAsync(string job, DateTimeOffset slot, Alert alert)
    {
        string? error = null;
        try
        {
            var outcome = await Retrainer.RunAsync(host.Project, new RetrainRequest
            {
                Trigger = $"alert {alert.Id} ({AlertNames.Of(alert.Kind)})",
                AlertId = alert.Id,
                Actor = "retrain",
            }, time, lifetime.ApplicationStopping).ConfigureAwait(false);
            metrics.RecordRetrain(outcome.Status);
            LogRetrained(logger, alert.Id, outcome.Status, outcome.ChallengerVersion, outcome.ChampionVersion, outcome.Reason);
        }
        catch (Exception ex) when (ex is SextantException or OperationCanceledException or System.Data.Common.DbException or IOException)
        {
            error = ex.Message;
            metrics.RecordRetrain("failed");
            LogFailed(logger, alert.Id, ex.Message);
        }
        finally
        {
            try
            {
                await host.Project.Metadata.FinishScheduledRunAsync(job, slot, error, CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Exchange(ref _running, 0);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId}: no retrain, the last one started at {Last:u} (cooldown {Cooldown}).")]
    private static partial void LogCooldown(ILogger logger, long alertId, DateTimeOffset last, string cooldown);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId}: no retrain, one is already running.")]
    private static partial void LogBusy(ILogger logger, long alertId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrain on alert {AlertId}: {Status} (challenger v{Challenger}, champion v{Champion}): {Reason}")]
    private static partial void LogRetrained(ILogger logger, long alertId, string status, int? challenger, int? champion, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retrain on alert {AlertId} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, long alertId, string error);
}
