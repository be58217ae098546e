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
    private readonly Dictionary<string, long> _retrains = new(StringComparer.Ordinal) { ["promoted"] = 0, ["kept"] = 0, ["skipped"] = 0, ["failed"] = 0 };

    public void RecordCheck(MonitoringCheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _last = result;
        Interlocked.Increment(ref _checks);
    }

    public void RecordFailure() => Interlocked.Increment(ref _failures);

    public void RecordDelivery(bool delivered) => Interlocked.Increment(ref delivered ? ref _delivered : ref _undelivered);

    /// <summary>Counts a finished automatic retrain by status (promoted, kept, skipped, failed).</summary>
    public void RecordRetrain(string status)
    {
        lock (_retrains)
        {
            _retrains[status] = _retrains.GetValueOrDefault(status) + 1;
        }
    }

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

        ServerMetrics.Header(sb, "sextant_retrains_total", "counter", "Automatic retrains started by alerts in this process, by outcome.");
        lock (_retrains)
        {
            foreach (var (status, count) in _retrains)
            {
                sb.Append(CultureInfo.InvariantCulture, $"sextant_retrains_total{{status=\"{status}\"}} {count}\n");
            }
        }

        if (_last is not { } last)
        {
            return;
        }

        WritePerformance(sb, last);

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

    private static void WritePerformance(StringBuilder sb, MonitoringCheckResult last)
    {
        if (last.Performance is not { } performance)
        {
            return;
        }

        var version = last.Version.ToString(CultureInfo.InvariantCulture);
        ServerMetrics.Header(sb, "sextant_labelled_predictions", "gauge", "Predictions of the latest check's window with an actual value (POST /feedback).");
        sb.Append(CultureInfo.InvariantCulture, $"sextant_labelled_predictions{{version=\"{version}\"}} {performance.LabelledRows}\n");
        if (performance.Metrics.Count > 0)
        {
            ServerMetrics.Header(sb, "sextant_realised_metric", "gauge", "Realised metrics of the latest check's labelled predictions.");
            foreach (var (metric, value) in performance.Metrics.Where(kv => double.IsFinite(kv.Value)))
            {
                sb.Append(CultureInfo.InvariantCulture, $"sextant_realised_metric{{version=\"{version}\",metric=\"{metric}\"}} {Number(value)}\n");
            }

            ServerMetrics.Header(sb, "sextant_performance_degraded", "gauge", "1 when a realised metric (or the interval coverage) left its tolerance in the latest check, else 0.");
            sb.Append(CultureInfo.InvariantCulture, $"sextant_performance_degraded{{version=\"{version}\"}} {(performance.Degraded.Count > 0 ? 1 : 0)}\n");
        }

        if (performance.Coverage is { } coverage)
        {
            ServerMetrics.Header(sb, "sextant_interval_coverage", "gauge", "Share of labelled predictions inside their served interval in the latest check (nominal in the label).");
            sb.Append(CultureInfo.InvariantCulture, $"sextant_interval_coverage{{version=\"{version}\",nominal=\"{Number(performance.NominalCoverage ?? double.NaN)}\"}} {Number(coverage)}\n");
        }

        if (performance.Estimated.Count > 0)
        {
            ServerMetrics.Header(sb, "sextant_estimated_metric", "gauge", "A classifier's metrics estimated from its probabilities (CBPE) over the latest check's window, before labels.");
            foreach (var (metric, value) in performance.Estimated.Where(kv => double.IsFinite(kv.Value)))
            {
                sb.Append(CultureInfo.InvariantCulture, $"sextant_estimated_metric{{version=\"{version}\",metric=\"{metric}\"}} {Number(value)}\n");
            }
        }
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
