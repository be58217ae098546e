using HdrHistogram;

namespace Sextant.LoadTesting;

/// <summary>One worker's counts and latencies (no locks on the hot path); tallies are added together at the end.</summary>
internal sealed class LoadTestTally
{
    // Microseconds up to an hour, three significant digits: 0.1% resolution at every scale.
    private const long HighestMicros = 3_600_000_000;

    public LongHistogram Latency { get; } = new(1, HighestMicros, 3);

    public long Ok { get; private set; }

    public Dictionary<string, long> ByStatus { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> ByKind { get; } = new(StringComparer.Ordinal);

    public long Completed => Ok + ByStatus.Values.Sum() + ByKind.Values.Sum();

    public void Answered(int status, long micros)
    {
        Latency.RecordValue(Math.Clamp(micros, 1, HighestMicros));
        if (status is >= 200 and < 300)
        {
            Ok++;
        }
        else
        {
            Increment(ByStatus, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public void Failed(string kind) => Increment(ByKind, kind);

    public void Add(LoadTestTally other)
    {
        Latency.Add(other.Latency);
        Ok += other.Ok;
        foreach (var (status, count) in other.ByStatus)
        {
            Increment(ByStatus, status, count);
        }

        foreach (var (kind, count) in other.ByKind)
        {
            Increment(ByKind, kind, count);
        }
    }

    private static void Increment(Dictionary<string, long> counts, string key, long by = 1) =>
        counts[key] = counts.GetValueOrDefault(key) + by;
}
