namespace Sextant.Server.Metrics;

/// <summary>
/// The service's requests in one minute (dashboard pages excluded): counts by outcome and latency percentiles in
/// milliseconds, interpolated within the histogram buckets as Prometheus' <c>histogram_quantile</c> does (NaN when
/// there were no requests).
/// </summary>
public readonly record struct MinuteStats(DateTimeOffset Start, long Requests, long ClientErrors, long ServerErrors, double P50Ms, double P95Ms, double P99Ms);
