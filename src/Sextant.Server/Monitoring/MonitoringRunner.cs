using Sextant.Monitoring.Alerts;
using Sextant.Monitoring.Checks;
using Sextant.Server.Metrics;

namespace Sextant.Server.Monitoring;

/// <summary>
/// Runs monitoring checks and alert changes for the server (the HTTP API and the schedule): the served version unless
/// another is asked for, the gauges of <c>/metrics</c> kept current, every alert change posted to the configured webhook
/// (a failed delivery is logged and counted, never thrown).
/// </summary>
public sealed partial class MonitoringRunner
{
    // One client for the process: webhook posts are rare and go to one host.
    private static readonly HttpClient s_http = new();

    private readonly ModelHost _host;
    private readonly MonitoringMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<MonitoringRunner> _logger;
    private readonly AlertWebhook? _webhook;
    private readonly AutomaticRetrain _retrain;

    public MonitoringRunner(ModelHost host, MonitoringMetrics metrics, TimeProvider time, ILogger<MonitoringRunner> logger, AutomaticRetrain retrain)
    {
        _host = host;
        _retrain = retrain;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _webhook = AlertWebhook.For(host.Project, s_http, time);
    }

    /// <summary>Runs a check; without a version or alias in <paramref name="request"/>, of the served version (else the configured alias's or newest).</summary>
    public async Task<MonitoringCheckResult> CheckAsync(MonitoringCheckRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Version is null && request.Alias is null && _host.Current is { } served)
        {
            request = request with { Version = served.Version };
        }

        MonitoringCheckResult result;
        try
        {
            result = await MonitoringCheck.RunAsync(_host.Project, request, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SextantException or System.Data.Common.DbException && request.UpdateAlerts)
        {
            _metrics.RecordFailure();
            throw;
        }

        if (request.UpdateAlerts)
        {
            _metrics.RecordCheck(result);
            await AfterChangesAsync(result.Alerts, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Acknowledges or resolves an alert; null when it already was.</summary>
    public async Task<AlertChange?> SetAlertStateAsync(long id, AlertState state, string actor, CancellationToken cancellationToken)
    {
        var change = await _host.Project.Metadata.SetAlertStateAsync(id, state, actor, cancellationToken).ConfigureAwait(false);
        await AfterChangesAsync(change is null ? [] : [change], cancellationToken).ConfigureAwait(false);
        return change;
    }

    private async Task AfterChangesAsync(IReadOnlyList<AlertChange> changes, CancellationToken cancellationToken)
    {
        _metrics.RecordActiveAlerts(await _host.Project.Metadata.ListAlertsAsync(_host.Project.Name, includeResolved: false, limit: 1000, cancellationToken).ConfigureAwait(false));
        if (changes.Count == 0)
        {
            return;
        }

        await _retrain.ConsiderAsync(changes, cancellationToken).ConfigureAwait(false);
        if (_webhook is null)
        {
            return;
        }

        foreach (var delivery in await _webhook.DeliverAsync(changes, cancellationToken).ConfigureAwait(false))
        {
            _metrics.RecordDelivery(delivery.Delivered);
            if (!delivery.Delivered)
            {
                LogDeliveryFailed(_logger, delivery.Change.Alert.Id, AlertNames.Of(delivery.Change.Change), delivery.Attempts, delivery.Error);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert {AlertId} ({Change}) was not delivered to the webhook after {Attempts} attempt(s): {Error}")]
    private static partial void LogDeliveryFailed(ILogger logger, long alertId, string change, int attempts, string? error);
}
