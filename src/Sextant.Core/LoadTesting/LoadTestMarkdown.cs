using System.Globalization;
using System.Text;

namespace Sextant.LoadTesting;

/// <summary>A load-test report as Markdown: the run, the counts, the latency percentiles and any comparison.</summary>
public static class LoadTestMarkdown
{
    /// <summary>Renders <paramref name="report"/>.</summary>
    public static string Render(LoadTestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine(c, $"# Load test of {report.Url} ({report.Endpoint.ToString().ToLowerInvariant()})").AppendLine();
        var load = report.TargetRate is { } rate
            ? $"open model: {rate:N0} requests/s target, at most {report.Concurrency} in flight; latency from the intended send time"
            : $"closed model: {report.Concurrency} clients, one request each in flight; latency from the send time";
        s.AppendLine(c, $"- Started {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC; {load}.");
        s.AppendLine(c, $"- Measured {report.DurationSeconds:0.###} s after {report.WarmupSeconds:0.###} s of warm-up; the last answer came at {report.ElapsedSeconds:0.###} s.");
        s.AppendLine(c, $"- Bodies: {report.BodyRecords:N0} records from {report.BodySource}.");
        s.AppendLine(c, $"- Machine: {report.Machine.Host}, {report.Machine.Cores} cores, {report.Machine.Os}, {report.Machine.Runtime}.").AppendLine();
        s.AppendLine("| requests | ok | errors | achieved/s | target/s | unsent |").AppendLine("|---|---|---|---|---|---|");
        s.AppendLine(c, $"| {report.Completed:N0} | {report.Ok:N0} | {report.Errors:N0} | {report.AchievedRate:N0} | {(report.TargetRate is { } t ? t.ToString("N0", c) : "-")} | {report.Unsent:N0} |").AppendLine();
        var l = report.LatencyMs;
        s.AppendLine("| latency (ms) | mean | p50 | p90 | p95 | p99 | p99.9 | max |").AppendLine("|---|---|---|---|---|---|---|---|");
        s.AppendLine(c, $"| {l.Count:N0} answers | {l.Mean:0.###} | {l.P50:0.###} | {l.P90:0.###} | {l.P95:0.###} | {l.P99:0.###} | {l.P999:0.###} | {l.Max:0.###} |");
        if (report.ErrorsByStatus.Count + report.ErrorsByKind.Count > 0)
        {
            s.AppendLine().AppendLine("| error | count |").AppendLine("|---|---|");
            foreach (var (status, count) in report.ErrorsByStatus.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                s.AppendLine(c, $"| HTTP {status} | {count:N0} |");
            }

            foreach (var (kind, count) in report.ErrorsByKind.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                s.AppendLine(c, $"| {kind} | {count:N0} |");
            }
        }

        if (report.Comparison is { Count: > 0 } changes)
        {
            s.AppendLine().AppendLine("| compared with the previous report | previous | now | change |").AppendLine("|---|---|---|---|");
            foreach (var change in changes)
            {
                var percent = change.ChangePercent is { } p ? p.ToString("+0.0;-0.0;0.0", c) + "%" : "-";
                s.AppendLine(c, $"| {change.Metric} | {change.Previous:0.###} | {change.Current:0.###} | {percent}{(change.Worse ? " (worse)" : "")} |");
            }
        }

        return s.ToString();
    }
}
