using HdrHistogram;

namespace Sextant.LoadTesting;

/// <summary>Latency percentiles in milliseconds, read from an HdrHistogram of microseconds (3 significant digits).</summary>
public sealed record LatencySummary
{
    public long Count { get; init; }

    public double Mean { get; init; }

    public double P50 { get; init; }

    public double P90 { get; init; }

    public double P95 { get; init; }

    public double P99 { get; init; }

    public double P999 { get; init; }

    public double Max { get; init; }

    internal static LatencySummary From(HistogramBase micros) => micros.TotalCount == 0
        ? new LatencySummary()
        : new LatencySummary
        {
            Count = micros.TotalCount,
            Mean = micros.GetMean() / 1000,
            P50 = micros.GetValueAtPercentile(50) / 1000.0,
            P90 = micros.GetValueAtPercentile(90) / 1000.0,
            P95 = micros.GetValueAtPercentile(95) / 1000.0,
            P99 = micros.GetValueAtPercentile(99) / 1000.0,
            P999 = micros.GetValueAtPercentile(99.9) / 1000.0,
            Max = micros.GetMaxValue() / 1000.0,
        };
}
