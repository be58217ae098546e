using System.Globalization;
using System.Text;
using Sextant.Monitoring.Alerts;
using Sextant.Monitoring.Checks;
using Sextant.Monitoring.Drift;

namespace Sextant.Server.Metrics;

/// <summary>
/// The monitoring gauges of <c>/metrics</c>: the latest check that ran in this process (scheduled or
/// <c>POST /monitoring/check</c>) per feature and for the dataset, and the active alerts by kind and state.
/// </summary>
public sealed class MonitoringMetrics
{
    private volatile MonitoringCheckResult? _last;
    private volatile IReadOnlyDictionary<(AlertKind Kind, AlertState State), int> _active = new Dictionary<(AlertKind, AlertState), int>();
    private long _checks;
    private long _failures;
    private long _delivered;
    private long _undelivered;

    public void RecordCheck(MonitoringCheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _last = result;
        Interlocked.Increment(ref _checks);
    }

    public void RecordFailure() => Interlocked.Increment(ref _failures);

    public void RecordDelivery(bool delivered) => Interlocked.Increment(ref delivered ? ref _delivered : ref _undelivered);

    public void RecordActiveAlerts(IReadOnlyList<Alert> active)
    {
        ArgumentNullException.ThrowIfNull(active);
        // Counted once here, not on every scrape.
        _active = active.CountBy(a => (a.Kind, a.State)).ToDictionary();
    }

    /// <summary>Appends the gauges in the Prometheus text format.</summary>
    public void WriteTo(StringBuilder sb)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ServerMetrics.Header(sb, "sextant_monitoring_checks_total", "counter", "Monitoring checks run by this process, by outcome.");
        sb.Append(CultureInfo.InvariantCulture, $"sextant_monitoring_checks_total{{outcome=\"completed\"}} {Interlocked.Read(ref _checks)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"sextant_monitoring_checks_total{{outcome=\"failed\"}} {Interlocked.Read(ref _failures)}\n");

        ServerMetrics.Header(sb, "sextant_alert_webhook_deliveries_total", "counter", "Alert changes posted to the webhook, by outcome (failed: after every retry).");
        sb.Append(CultureInfo.InvariantCulture, $"sextant_alert_webhook_deliveries_total{{outcome=\"delivered\"}} {Interlocked.Read(ref _delivered)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"sextant_alert_webhook_deliveries_total{{outcome=\"failed\"}} {Interlocked.Read(ref _undelivered)}\n");

        ServerMetrics.Header(sb, "sextant_monitoring_alerts", "gauge", "Active alerts (open or acknowledged) by kind and state.");
        var active = _active;
        foreach (var kind in Enum.GetValues<AlertKind>())
        {
            foreach (var state in new[] { AlertState.Open, AlertState.Acknowledged })
            {
                sb.Append(CultureInfo.InvariantCulture, $"sextant_monitoring_alerts{{kind=\"{AlertNames.Of(kind)}\",state=\"{AlertNames.Of(state)}\"}} {active.GetValueOrDefault((kind, state))}\n");
            }
        }

        if (_last is not { } last)
        {
            return;
        }

        var version = last.Version.ToString(CultureInfo.InvariantCulture);
        var drift = last.Drift;
        ServerMetrics.Header(sb, "sextant_drift_check_timestamp_seconds", "gauge", "When the latest monitoring check ran (Unix seconds).");
        sb.Append(CultureInfo.InvariantCulture, $"sextant_drift_check_timestamp_seconds{{version=\"{version}\"}} {last.CheckedAt.ToUnixTimeSeconds()}\n");
        ServerMetrics.Header(sb, "sextant_drift_window_rows", "gauge", "Predictions in the window of the latest check.");
        sb.Append(CultureInfo.InvariantCulture, $"sextant_drift_window_rows{{version=\"{version}\"}} {last.WindowRows}\n");
        ServerMetrics.Header(sb, "sextant_drift_enough_data", "gauge", "1 when the latest check had at least the minimum sample, else 0 (and no feature gauges).");
        sb.Append(CultureInfo.InvariantCulture, $"sextant_drift_enough_data{{version=\"{version}\"}} {(drift.Status == DriftCheckStatus.Checked ? 1 : 0)}\n");
        if (drift.Status != DriftCheckStatus.Checked)
        {
            return;
        }

        ServerMetrics.Header(sb, "sextant_dataset_drift", "gauge", "1 when the latest check found dataset drift under the configured rule, else 0.");
        sb.Append(CultureInfo.InvariantCulture, $"sextant_dataset_drift{{version=\"{version}\"}} {(drift.DatasetDrift ? 1 : 0)}\n");
        ServerMetrics.Header(sb, "sextant_dataset_drift_share", "gauge", "Share of tested features that drifted in the latest check.");
        sb.Append(CultureInfo.InvariantCulture, $"sextant_dataset_drift_share{{version=\"{version}\"}} {Number(drift.DriftedShare)}\n");

        var features = drift.Prediction is { } p ? [.. drift.Features, p] : drift.Features;
        ServerMetrics.Header(sb, "sextant_drift_score", "gauge", "Per feature (and 'prediction'): the p-value of a test or the distance, as compared with its threshold.");
        foreach (var f in features)
        {
            sb.Append(CultureInfo.InvariantCulture, $"sextant_drift_score{{version=\"{version}\",feature=\"{ServerMetrics.Escape(f.Name)}\",method=\"{AlertNames.Of(f.Method)}\"}} {Number(f.Score)}\n");
        }

        ServerMetrics.Header(sb, "sextant_drift_psi", "gauge", "Per feature (and 'prediction'): the population stability index on the reference's bins.");
        foreach (var f in features)
        {
            sb.Append(CultureInfo.InvariantCulture, $"sextant_drift_psi{{version=\"{version}\",feature=\"{ServerMetrics.Escape(f.Name)}\"}} {Number(f.Psi)}\n");
        }

        ServerMetrics.Header(sb, "sextant_drift_detected", "gauge", "Per feature (and 'prediction'): 1 when it drifted in the latest check, else 0.");
        foreach (var f in features)
        {
            sb.Append(CultureInfo.InvariantCulture, $"sextant_drift_detected{{version=\"{version}\",feature=\"{ServerMetrics.Escape(f.Name)}\"}} {(f.Drifted ? 1 : 0)}\n");
        }
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
