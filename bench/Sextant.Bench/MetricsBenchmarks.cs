using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Prometheus;
using Sextant.Server.Metrics;

namespace Sextant.Bench;

/// <summary>
/// The cost of recording one request in <c>/metrics</c>: Sextant's <see cref="ServerMetrics"/> as the server calls it
/// (<c>RecordRequest</c> from the request middleware, <c>RecordPredictions</c> from the predict handler) beside
/// prometheus-net's <c>Counter</c>/<c>Histogram</c> with the same series names, labels and buckets; on one thread and
/// on two threads sharing one set of metrics. Then the time and bytes of one text exposition of each, and
/// <c>promtool check metrics</c> on both.
/// </summary>
/// <remarks>
/// Each observation is one of 20 label combinations (5 prediction routes x 4 status codes; each route predicts with
/// one of 4 model versions) and a latency drawn from a log-normal around 50 us, all precomputed so the loop times
/// only the recording. <c>RecordRequest</c> also feeds the dashboard's minute ring (<see cref="RequestHistory"/>), which
/// prometheus-net would not replace, so the ring is also timed alone and beside prometheus-net. The N observations of a
/// case run as interleaved rounds; the fastest round is reported beside the median. Results: docs/BENCHMARKS.md.
/// </remarks>
internal static class MetricsBenchmarks
{
    private const int Mask = (1 << 16) - 1;

    private static readonly string[] s_routes = ["/predict", "/predict/batch", "/models/{name}/predict", "/invocations", "/v2/models/{name}/infer"];
    private static readonly int[] s_statuses = [200, 400, 422, 500];
    private static readonly string[] s_models = ["churn", "churn", "sales", "sales"];
    private static readonly int[] s_versions = [3, 4, 1, 2];

    // prometheus-net takes label values as strings: a real adoption would cache the status and version texts as here.
    private static readonly string[] s_statusTexts = [.. s_statuses.Select(s => s.ToString(CultureInfo.InvariantCulture))];
    private static readonly string[] s_versionTexts = [.. s_versions.Select(v => v.ToString(CultureInfo.InvariantCulture))];

    private static readonly int[] s_combo = new int[Mask + 1];
    private static readonly double[] s_seconds = new double[Mask + 1];

    public static int Run(string[] args)
    {
        var n = BenchArguments.Option(args, "--n") is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : 10_000_000;
        var rounds = BenchArguments.Option(args, "--rounds") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 20;
        var scrapes = BenchArguments.Option(args, "--scrapes") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : 2_000;
        var outFolder = BenchArguments.Option(args, "--out") ?? Path.Combine(Path.GetTempPath(), "sextant-bench-metrics");
        Directory.CreateDirectory(outFolder);
        var random = new Random(42);
        for (var i = 0; i <= Mask; i++)
        {
            s_combo[i] = random.Next(s_routes.Length * s_statuses.Length);
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            s_seconds[i] = 50e-6 * Math.Exp(normal);
        }

        Console.WriteLine($"# Metrics benchmark: {n:N0} request observations per case (20 label combinations); {Environment.ProcessorCount} cores; .NET {Environment.Version}; prometheus-net 8.2.1; {DateTime.UtcNow:u}");
        Console.WriteLine($"load average: {LoadAverage()}");

        // Warm-up: every path through the JIT's tiers (and dynamic PGO) before anything is timed.
        foreach (var threads in new[] { 1, 2 })
        {
            foreach (var c in Cases())
            {
                Measure(c, 500_000, threads);
            }
        }

        // The machine's neighbours come and go within seconds: each case's N observations are split into rounds, the
        // cases interleaved round by round, and the fastest round (least disturbed) is reported beside the median.
        var cases = Cases().ToList();
        Console.WriteLine($"{rounds} rounds of {n / rounds:N0} observations per case, cases interleaved; ns = wall time / observations");
        Console.WriteLine("| case | threads | ns per observation, fastest round | median round | thread-ns per observation (fastest x threads) | bytes allocated per observation | share of a 50 us request (thread-ns) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var threads in new[] { 1, 2 })
        {
            var times = cases.Select(_ => new List<double>()).ToList();
            var bytes = new double[cases.Count];
            for (var round = 0; round < rounds; round++)
            {
                for (var k = 0; k < cases.Count; k++)
                {
                    var c = (k + round) % cases.Count;
                    var (ns, b) = Measure(cases[c], n / rounds, threads);
                    times[c].Add(ns);
                    bytes[c] += b / rounds;
                }
            }

            for (var c = 0; c < cases.Count; c++)
            {
                times[c].Sort();
                var best = times[c][0];
                Console.WriteLine($"| {cases[c].Name} | {threads} | {best:F1} | {times[c][times[c].Count / 2]:F1} | {best * threads:F1} | {bytes[c]:F3} | {best * threads / 50_000:P2} |");
            }
        }

        Exposition(scrapes, outFolder);
        return 0;
    }

    private sealed record Case(string Name, Func<Action<int, int>> Create);

    private static IEnumerable<Case> Cases()
    {
        yield return new Case("Sextant ServerMetrics (RecordRequest + RecordPredictions)", () =>
        {
            var metrics = new ServerMetrics(TimeProvider.System);
            return (from, to) => RecordSextant(metrics, from, to);
        });
        yield return new Case("RequestHistory.Record alone (dashboard ring, inside RecordRequest)", () =>
        {
            var history = new RequestHistory(TimeProvider.System);
            return (from, to) => RecordHistory(history, from, to);
        });
        yield return new Case("prometheus-net 8.2.1 (Counter + Histogram + Counter)", () =>
        {
            var metrics = new PrometheusNetMetrics();
            return (from, to) => RecordPrometheusNet(metrics, null, from, to);
        });
        yield return new Case("prometheus-net 8.2.1, labels as ReadOnlySpan (no label array)", () =>
        {
            var metrics = new PrometheusNetMetrics();
            return (from, to) => RecordPrometheusNetSpan(metrics, from, to);
        });
        yield return new Case("prometheus-net 8.2.1 + RequestHistory.Record (what the server would call)", () =>
        {
            var metrics = new PrometheusNetMetrics();
            var history = new RequestHistory(TimeProvider.System);
            return (from, to) => RecordPrometheusNet(metrics, history, from, to);
        });
    }

    /// <summary>Records <paramref name="n"/> observations on <paramref name="threads"/> threads sharing one fresh set of metrics: wall ns per observation and bytes allocated per observation.</summary>
    private static (double Ns, double Bytes) Measure(Case c, int n, int threads)
    {
        var record = c.Create();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        if (threads == 1)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            record(0, n);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            return (elapsed.TotalNanoseconds / n, (double)allocated / n);
        }

        using var barrier = new Barrier(threads + 1);
        var workers = new Thread[threads];
        var share = n / threads;
        for (var t = 0; t < threads; t++)
        {
            var from = t * share;
            workers[t] = new Thread(() =>
            {
                barrier.SignalAndWait();
                record(from, from + share);
            });
            workers[t].Start();
        }

        var total = GC.GetTotalAllocatedBytes(precise: true);
        var start = Stopwatch.GetTimestamp();
        barrier.SignalAndWait();
        foreach (var worker in workers)
        {
            worker.Join();
        }

        var wall = Stopwatch.GetElapsedTime(start);
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - total;
        return (wall.TotalNanoseconds / (share * threads), (double)bytes / (share * threads));
    }

    private static void RecordSextant(ServerMetrics metrics, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var combo = s_combo[i & Mask];
            var route = combo / s_statuses.Length;
            var status = s_statuses[combo % s_statuses.Length];
            metrics.RecordRequest(s_routes[route], "POST", status, s_seconds[i & Mask]);
            if (status == 200)
            {
                metrics.RecordPredictions(s_models[route % 4], s_versions[route % 4], 1);
            }
        }
    }

    private static void RecordHistory(RequestHistory history, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var combo = s_combo[i & Mask];
            history.Record(s_routes[combo / s_statuses.Length], s_statuses[combo % s_statuses.Length], s_seconds[i & Mask]);
        }
    }

    private static void RecordPrometheusNet(PrometheusNetMetrics metrics, RequestHistory? history, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var combo = s_combo[i & Mask];
            var route = combo / s_statuses.Length;
            var status = combo % s_statuses.Length;
            var seconds = s_seconds[i & Mask];
            metrics.Requests.WithLabels(s_routes[route], "POST", s_statusTexts[status]).Inc();
            metrics.Duration.WithLabels(s_routes[route]).Observe(seconds);
            history?.Record(s_routes[route], s_statuses[status], seconds);
            if (s_statuses[status] == 200)
            {
                metrics.Predictions.WithLabels(s_models[route % 4], s_versionTexts[route % 4]).Inc(1);
            }
        }
    }

    private static void RecordPrometheusNetSpan(PrometheusNetMetrics metrics, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var combo = s_combo[i & Mask];
            var route = combo / s_statuses.Length;
            var status = combo % s_statuses.Length;
            metrics.Requests.WithLabels((ReadOnlySpan<string>)[s_routes[route], "POST", s_statusTexts[status]]).Inc();
            metrics.Duration.WithLabels((ReadOnlySpan<string>)[s_routes[route]]).Observe(s_seconds[i & Mask]);
            if (s_statuses[status] == 200)
            {
                metrics.Predictions.WithLabels((ReadOnlySpan<string>)[s_models[route % 4], s_versionTexts[route % 4]]).Inc(1);
            }
        }
    }

    /// <summary>The series of <see cref="ServerMetrics"/> that a request touches, in prometheus-net, same names, help, labels and buckets.</summary>
    private sealed class PrometheusNetMetrics
    {
        public PrometheusNetMetrics()
        {
            Registry = Metrics.NewCustomRegistry();
            var factory = Metrics.WithCustomRegistry(Registry);
            Requests = factory.CreateCounter("sextant_http_requests_total", "HTTP requests by route, method and status code.", ["route", "method", "status"]);
            Duration = factory.CreateHistogram("sextant_http_request_duration_seconds", "HTTP request latency in seconds by route.",
                new HistogramConfiguration { LabelNames = ["route"], Buckets = LatencyHistogram.Bounds });
            Predictions = factory.CreateCounter("sextant_predictions_total", "Records predicted, by model and version.", ["model", "version"]);
        }

        public CollectorRegistry Registry { get; }

        public Counter Requests { get; }

        public Histogram Duration { get; }

        public Counter Predictions { get; }
    }

    private static void Exposition(int scrapes, string outFolder)
    {
        var ours = new ServerMetrics(TimeProvider.System);
        ours.MoreExposition = new MonitoringMetrics().WriteTo; // as the server wires it (AddSextantMonitoring)
        RecordSextant(ours, 0, 100_000);
        var theirs = new PrometheusNetMetrics();
        RecordPrometheusNet(theirs, null, 0, 100_000);
        using var stream = new MemoryStream(1 << 16);

        void WriteOurs()
        {
            // What /metrics does: the text, then UTF-8 onto the response (here a reused stream, through a pooled buffer).
            var text = ours.ToPrometheus();
            var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
            var length = Encoding.UTF8.GetBytes(text, buffer);
            stream.Position = 0;
            stream.Write(buffer, 0, length);
            ArrayPool<byte>.Shared.Return(buffer);
        }

        void WriteTheirs()
        {
            stream.Position = 0;
            theirs.Registry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        }

        Console.WriteLine();
        Console.WriteLine($"| exposition (median of {scrapes:N0} after warm-up) | microseconds | bytes allocated | bytes written | lines | series lines (not # comments) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, write, file) in new (string, Action, string)[]
        {
            ("Sextant ToPrometheus (all ServerMetrics + MonitoringMetrics series)", WriteOurs, "sextant.prom"),
            ("prometheus-net CollectAndExportAsTextAsync (the 3 request series only)", WriteTheirs, "prometheus-net.prom"),
        })
        {
            for (var i = 0; i < 200; i++)
            {
                write();
            }

            var times = new double[scrapes];
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < scrapes; i++)
            {
                var started = Stopwatch.GetTimestamp();
                write();
                times[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            }

            var allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / scrapes;
            Array.Sort(times);
            write();
            var written = (int)stream.Position;
            var exposition = Encoding.UTF8.GetString(stream.GetBuffer(), 0, written);
            var path = Path.Combine(outFolder, file);
            File.WriteAllText(path, exposition);
            var lines = exposition.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Console.WriteLine($"| {name} | {times[scrapes / 2]:F1} | {allocated:N0} | {written:N0} | {lines.Length} | {lines.Count(l => !l.StartsWith('#'))} |");
        }

        // The exposition of the three shared families only, ours, for a like-for-like size and a diff.
        var shared = string.Join('\n', File.ReadAllLines(Path.Combine(outFolder, "sextant.prom"))
            .Where(l => l.Contains("sextant_http_request", StringComparison.Ordinal) || l.Contains("sextant_predictions_total", StringComparison.Ordinal))) + "\n";
        File.WriteAllText(Path.Combine(outFolder, "sextant-shared.prom"), shared);
        Console.WriteLine($"Sextant's lines of the same 3 families: {shared.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length} lines, {Encoding.UTF8.GetByteCount(shared):N0} bytes");
        Console.WriteLine();
        foreach (var file in new[] { "sextant.prom", "prometheus-net.prom" })
        {
            Console.WriteLine($"promtool check metrics < {Path.Combine(outFolder, file)}: {Promtool(Path.Combine(outFolder, file))}");
        }
    }

    private static string Promtool(string path)
    {
        const string promtool = "/usr/bin/promtool";
        if (!File.Exists(promtool))
        {
            return "skipped (no /usr/bin/promtool)";
        }

        var info = new ProcessStartInfo(promtool, ["check", "metrics"]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        process.StandardInput.Write(File.ReadAllText(path));
        process.StandardInput.Close();
        var output = (process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd()).Trim();
        process.WaitForExit();
        return process.ExitCode == 0 && output.Length == 0 ? "passed (exit 0, no findings)" : $"exit {process.ExitCode}: {output.ReplaceLineEndings(" / ")}";
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
