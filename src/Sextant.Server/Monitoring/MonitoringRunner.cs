using Sextant.Monitoring.Alerts;
using Sextant.Monitoring.Checks;
using Sextant.Server.Metrics;

namespace Sextant.Server.Monitoring;

/// <summary>
/// Runs monitoring checks and alert changes for the server (the HTTP API and the schedule): the served version unless
/// another is asked for, the gauges of <c>/metrics</c> kept current.
/// </summary>
public sealed class MonitoringRunner(ModelHost host, MonitoringMetrics metrics, TimeProvider time)
{
    /// <summary>Runs a check; without a version or alias in <paramref name="request"/>, of the served version (else the configured alias's or newest).</summary>
    public async Task<MonitoringCheckResult> CheckAsync(MonitoringCheckRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Version is null && request.Alias is null && host.Current is { } served)
        {
            request = request with { Version = served.Version };
        }

        MonitoringCheckResult result;
        try
        {
            result = await MonitoringCheck.RunAsync(host.Project, request, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SextantException or System.Data.Common.DbException && request.UpdateAlerts)
        {
            metrics.RecordFailure();
            throw;
        }

        if (request.UpdateAlerts)
        {
            metrics.RecordCheck(result);
            await RefreshAlertsAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Acknowledges or resolves an alert; null when it already was.</summary>
    public async Task<AlertChange?> SetAlertStateAsync(long id, AlertState state, string actor, CancellationToken cancellationToken)
    {
        var change = await host.Project.Metadata.SetAlertStateAsync(id, state, actor, cancellationToken).ConfigureAwait(false);
        await RefreshAlertsAsync(cancellationToken).ConfigureAwait(false);
        return change;
    }

    /// <summary>Reads the active alerts into the gauges.</summary>
    public async Task RefreshAlertsAsync(CancellationToken cancellationToken) =>
        metrics.RecordActiveAlerts(await host.Project.Metadata.ListAlertsAsync(host.Project.Name, includeResolved: false, limit: 1000, cancellationToken).ConfigureAwait(false));
}
