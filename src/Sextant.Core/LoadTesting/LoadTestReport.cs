namespace Sextant.LoadTesting;

/// <summary>
/// What a load test measured. Every sent request is counted once: <see cref="Completed"/> = <see cref="Ok"/> + the
/// non-2xx answers in <see cref="ErrorsByStatus"/> + the failures in <see cref="ErrorsByKind"/>. Latency covers every
/// answer (any status), not failures; in the open model it counts from the intended send time.
/// </summary>
public sealed record LoadTestReport
{
    /// <summary>Version of this document. <value>1.</value></summary>
    public int FormatVersion { get; init; } = 1;

    public DateTimeOffset StartedAt { get; init; }

    public string Url { get; init; } = "";

    public LoadTestEndpoint Endpoint { get; init; }

    /// <summary><c>open</c> (constant arrival rate) or <c>closed</c> (fixed concurrency).</summary>
    public string Model { get; init; } = "";

    /// <summary>The target arrival rate of the open model, per second.</summary>
    public double? TargetRate { get; init; }

    /// <summary>Clients of the closed model, or most requests in flight of the open model.</summary>
    public int Concurrency { get; init; }

    public double DurationSeconds { get; init; }

    public double WarmupSeconds { get; init; }

    /// <summary>From the first send to the last answer or failure of the measured phase.</summary>
    public double ElapsedSeconds { get; init; }

    /// <summary>Requests the open model's schedule held (rate x duration); in the closed model, those sent.</summary>
    public long Scheduled { get; init; }

    /// <summary>Scheduled requests never sent because the run was already a timeout past its end.</summary>
    public long Unsent { get; init; }

    /// <summary>Requests sent and finished (answered or failed).</summary>
    public long Completed { get; init; }

    /// <summary>Answers with a 2xx status.</summary>
    public long Ok { get; init; }

    /// <summary>Non-2xx answers plus failures.</summary>
    public long Errors { get; init; }

    /// <summary>Completed requests per second of <see cref="ElapsedSeconds"/>.</summary>
    public double AchievedRate { get; init; }

    /// <summary>Non-2xx answers by status code.</summary>
    public IReadOnlyDictionary<string, long> ErrorsByStatus { get; init; } = new Dictionary<string, long>();

    /// <summary>Requests that got no answer, by kind: <c>timeout</c>, <c>refused</c> (nothing listening), <c>connection</c> (reset or closed with the request on it, or not opened), <c>protocol</c>, <c>other</c>.</summary>
    public IReadOnlyDictionary<string, long> ErrorsByKind { get; init; } = new Dictionary<string, long>();

    public LatencySummary LatencyMs { get; init; } = new();

    /// <summary><c>intended send time</c> (open model: stalls are counted in full) or <c>send time</c> (closed model).</summary>
    public string LatencyFrom { get; init; } = "";

    public string BodySource { get; init; } = "";

    public int BodyRecords { get; init; }

    public LoadTestMachine Machine { get; init; } = new();

    /// <summary>Each headline figure beside a previous report's, when one was given.</summary>
    public IReadOnlyList<LoadTestChange>? Comparison { get; init; }

    /// <summary>The headline figures beside <paramref name="previous"/>'s, as <see cref="Comparison"/>.</summary>
    public IReadOnlyList<LoadTestChange> CompareWith(LoadTestReport previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        return
        [
            Change("achieved_rate", previous.AchievedRate, AchievedRate, higherIsBetter: true),
            Change("error_percent", ErrorPercent(previous), ErrorPercent(this), higherIsBetter: false),
            Change("p50_ms", previous.LatencyMs.P50, LatencyMs.P50, higherIsBetter: false),
            Change("p90_ms", previous.LatencyMs.P90, LatencyMs.P90, higherIsBetter: false),
            Change("p99_ms", previous.LatencyMs.P99, LatencyMs.P99, higherIsBetter: false),
            Change("p99_9_ms", previous.LatencyMs.P999, LatencyMs.P999, higherIsBetter: false),
            Change("max_ms", previous.LatencyMs.Max, LatencyMs.Max, higherIsBetter: false),
        ];
    }

    private static double ErrorPercent(LoadTestReport report) => report.Completed == 0 ? 0 : 100.0 * report.Errors / report.Completed;

    private static LoadTestChange Change(string metric, double previous, double current, bool higherIsBetter) =>
        new(metric, previous, current, previous == 0 ? null : 100 * (current - previous) / previous, higherIsBetter ? current < previous : current > previous);
}
