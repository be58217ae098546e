using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Sextant.Server.Metrics;

/// <summary>
/// The server's counters and histograms, exposed in the Prometheus text format (version 0.0.4) at <c>/metrics</c>
/// and as JSON at <c>/metrics/json</c>. Recording never throws into a request.
/// </summary>
public sealed class ServerMetrics
{
    private readonly ConcurrentDictionary<(string Route, string Method, int Status), long> _requests = new();
    private readonly ConcurrentDictionary<string, LatencyHistogram> _latency = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Model, int Version), long> _predictions = new();
    private readonly ConcurrentDictionary<string, long> _validationFailures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Feature, string Type), long> _softFindings = new();
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _started;
    private long _modelLoads;
    private long _modelLoadFailures;
    private long _logWritten;
    private long _logDropped;
    private long _logWriteFailures;
    private long _shadowScored;
    private long _shadowDropped;
    private long _shadowFailures;

    public ServerMetrics(TimeProvider time)
    {
        _time = time;
        _started = time.GetUtcNow();
        History = new RequestHistory(time);
    }

    /// <summary>The last hour minute by minute, for the dashboard.</summary>
    public RequestHistory History { get; }

    public void RecordRequest(string route, string method, int status, double seconds)
    {
        _requests.AddOrUpdate((route, method, status), 1, (_, n) => n + 1);
        _latency.GetOrAdd(route, _ => new LatencyHistogram()).Observe(seconds);
        History.Record(route, status, seconds);
    }

    // The overload taking the count as an argument: no closure allocated per request.
    public void RecordPredictions(string model, int version, int count) =>
        _predictions.AddOrUpdate((model, version), static (_, c) => c, static (_, n, c) => n + c, count);

    public void RecordValidationFailure(string type) => _validationFailures.AddOrUpdate(type, 1, (_, n) => n + 1);

    /// <summary>
    /// Counts the soft findings of records that were scored (values outside what training saw, unseen categories) by
    /// feature and type. Only findings on the model's own features are counted by name, so a client cannot grow the
    /// label set; unknown fields are counted under the feature <c>_unknown</c>.
    /// </summary>
    public void RecordWarnings(IReadOnlyList<Sextant.Schema.ValidationIssue> warnings, Sextant.Schema.FeatureSchema schema)
    {
        foreach (var w in warnings)
        {
            var feature = schema.Find(w.Feature) is null ? "_unknown" : w.Feature;
            _softFindings.AddOrUpdate((feature, w.Type), 1, (_, n) => n + 1);
        }
    }

    /// <summary>Reads the prediction log's queue depth at scrape time.</summary>
    public Func<int>? PredictionLogDepth { get; set; }

    /// <summary>Appends more gauges to <c>/metrics</c> (the monitoring ones), or null.</summary>
    public Action<StringBuilder>? MoreExposition { get; set; }

    public void RecordLogWritten(int count) => Interlocked.Add(ref _logWritten, count);

    public void RecordLogDropped() => Interlocked.Increment(ref _logDropped);

    public void RecordLogWriteFailure(int count) => Interlocked.Add(ref _logWriteFailures, count);

    public void RecordShadow(bool scored)
    {
        if (scored)
        {
            Interlocked.Increment(ref _shadowScored);
        }
        else
        {
            Interlocked.Increment(ref _shadowFailures);
        }
    }

    public void RecordShadowDropped() => Interlocked.Increment(ref _shadowDropped);

    public void RecordModelLoad(bool succeeded)
    {
        if (succeeded)
        {
            Interlocked.Increment(ref _modelLoads);
        }
        else
        {
            Interlocked.Increment(ref _modelLoadFailures);
        }
    }

    public double UptimeSeconds => (_time.GetUtcNow() - _started).TotalSeconds;

    /// <summary>The Prometheus text exposition of every metric.</summary>
    public string ToPrometheus()
    {
        var sb = new StringBuilder();
        Header(sb, "sextant_http_requests_total", "counter", "HTTP requests by route, method and status code.");
        foreach (var ((route, method, status), count) in _requests.OrderBy(k => k.Key.Route, StringComparer.Ordinal).ThenBy(k => k.Key.Status))
        {
            sb.Append(CultureInfo.InvariantCulture, $"sextant_http_requests_total{{route=\"{Escape(route)}\",method=\"{method}\",status=\"{status}\"}} {count}\n");
        }

        Header(sb, "sextant_http_request_duration_seconds", "histogram", "HTTP request latency in seconds by route.");
        foreach (var (route, histogram) in _latency.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var cumulative = histogram.Cumulative();
            for (var i = 0; i < LatencyHistogram.Bounds.Length; i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"sextant_http_request_duration_seconds_bucket{{route=\"{Escape(route)}\",le=\"{LatencyHistogram.Bounds[i].ToString("R", CultureInfo.InvariantCulture)}\"}} {cumulative[i]}\n");
            }

            sb.Append(CultureInfo.InvariantCulture, $"sextant_http_request_duration_seconds_bucket{{route=\"{Escape(route)}\",le=\"+Inf\"}} {cumulative[^1]}\n");
            sb.Append(CultureInfo.InvariantCulture, $"sextant_http_request_duration_seconds_sum{{route=\"{Escape(route)}\"}} {histogram.Sum.ToString("R", CultureInfo.InvariantCulture)}\n");
            sb.Append(CultureInfo.InvariantCulture, $"sextant_http_request_duration_seconds_count{{route=\"{Escape(route)}\"}} {histogram.Count}\n");
        }

        Header(sb, "sextant_predictions_total", "counter", "Records predicted, by model and version.");
        foreach (var ((model, version), count) in _predictions.OrderBy(k => k.Key.Version))
        {
            sb.Append(CultureInfo.InvariantCulture, $"sextant_predictions_total{{model=\"{Escape(model)}\",version=\"{version}\"}} {count}\n");
        }

        Header(sb, "sextant_validation_failures_total", "counter", "Validation problems in requests, by rule.");
        foreach (var (type, count) in _validationFailures.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"sextant_validation_failures_total{{type=\"{Escape(type)}\"}} {count}\n");
        }

        Header(sb, "sextant_prediction_warnings_total", "counter", "Scored records with a value outside what training saw (outside_observed), an unseen category (unseen_category) or an unknown field, by feature and type.");
        foreach (var ((feature, type), count) in _softFindings.OrderBy(k => k.Key.Feature, StringComparer.Ordinal).ThenBy(k => k.Key.Type, StringComparer.Ordinal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"sextant_prediction_warnings_total{{feature=\"{Escape(feature)}\",type=\"{Escape(type)}\"}} {count}\n");
        }

        Header(sb, "sextant_model_loads_total", "counter", "Model loads by outcome.");
        sb.Append(CultureInfo.InvariantCulture, $"sextant_model_loads_total{{outcome=\"success\"}} {Interlocked.Read(ref _modelLoads)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"sextant_model_loads_total{{outcome=\"failure\"}} {Interlocked.Read(ref _modelLoadFailures)}\n");
        Header(sb, "sextant_prediction_log_queue_depth", "gauge", "Predictions accepted and waiting to be written to the prediction log.");
        sb.Append(CultureInfo.InvariantCulture, $"sextant_prediction_log_queue_depth {PredictionLogDepth?.Invoke() ?? 0}\n");
        Header(sb, "sextant_prediction_log_written_total", "counter", "Predictions written to the prediction log.");
        sb.Append(CultureInfo.InvariantCulture, $"sextant_prediction_log_written_total {Interlocked.Read(ref _logWritten)}\n");
        Header(sb, "sextant_prediction_log_dropped_total", "counter", "Predictions not logged because the queue was full (overflow policy: drop the newest).");
        sb.Append(CultureInfo.InvariantCulture, $"sextant_prediction_log_dropped_total {Interlocked.Read(ref _logDropped)}\n");
        Header(sb, "sextant_prediction_log_write_failures_total", "counter", "Predictions lost because the store refused them after retries.");
        sb.Append(CultureInfo.InvariantCulture, $"sextant_prediction_log_write_failures_total {Interlocked.Read(ref _logWriteFailures)}\n");
        Header(sb, "sextant_shadow_predictions_total", "counter", "Shadow model scorings by outcome.");
        sb.Append(CultureInfo.InvariantCulture, $"sextant_shadow_predictions_total{{outcome=\"scored\"}} {Interlocked.Read(ref _shadowScored)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"sextant_shadow_predictions_total{{outcome=\"failed\"}} {Interlocked.Read(ref _shadowFailures)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"sextant_shadow_predictions_total{{outcome=\"dropped\"}} {Interlocked.Read(ref _shadowDropped)}\n");
        Header(sb, "sextant_uptime_seconds", "gauge", "Seconds since the server started.");
        sb.Append(CultureInfo.InvariantCulture, $"sextant_uptime_seconds {UptimeSeconds.ToString("F3", CultureInfo.InvariantCulture)}\n");
        MoreExposition?.Invoke(sb);
        return sb.ToString();
    }

    /// <summary>The same figures as a JSON-friendly object.</summary>
    public object ToJson() => new
    {
        uptime_seconds = UptimeSeconds,
        requests = _requests.Select(kv => new { route = kv.Key.Route, method = kv.Key.Method, status = kv.Key.Status, count = kv.Value }).OrderBy(r => r.route, StringComparer.Ordinal).ToList(),
        latency = _latency.ToDictionary(kv => kv.Key, kv => new { count = kv.Value.Count, mean_ms = kv.Value.Count == 0 ? 0 : kv.Value.Sum / kv.Value.Count * 1000 }),
        predictions = _predictions.Select(kv => new { model = kv.Key.Model, version = kv.Key.Version, count = kv.Value }).ToList(),
        validation_failures = _validationFailures.ToDictionary(kv => kv.Key, kv => kv.Value),
        prediction_warnings = _softFindings.Select(kv => new { feature = kv.Key.Feature, type = kv.Key.Type, count = kv.Value }).OrderBy(w => w.feature, StringComparer.Ordinal).ToList(),
        model_loads = new { success = Interlocked.Read(ref _modelLoads), failure = Interlocked.Read(ref _modelLoadFailures) },
        prediction_log = new
        {
            queue_depth = PredictionLogDepth?.Invoke() ?? 0,
            written = Interlocked.Read(ref _logWritten),
            dropped = Interlocked.Read(ref _logDropped),
            write_failures = Interlocked.Read(ref _logWriteFailures),
        },
        shadow = new { scored = Interlocked.Read(ref _shadowScored), failed = Interlocked.Read(ref _shadowFailures), dropped = Interlocked.Read(ref _shadowDropped) },
    };

    internal static void Header(StringBuilder sb, string name, string type, string help) =>
        sb.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");

    // Label values escape backslash, double quote and line feed (exposition format 0.0.4).
    internal static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
