namespace Sextant.Server.Metrics;

/// <summary>
/// A ring of per-minute request counts and latency histograms over the last <see cref="Minutes"/> minutes, for the
/// dashboard's charts; Prometheus keeps the long history. The dashboard's own pages (<c>/ui</c>) are not counted, so
/// looking at the service does not change what it shows.
/// </summary>
public sealed class RequestHistory
{
    /// <summary>How many minutes are kept, the current one included.</summary>
    public const int Minutes = 60;

    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly long[] _minute = new long[Minutes];
    private readonly long[] _requests = new long[Minutes];
    private readonly long[] _clientErrors = new long[Minutes];
    private readonly long[] _serverErrors = new long[Minutes];
    private readonly long[,] _buckets = new long[Minutes, LatencyHistogram.Bounds.Length + 1];

    public RequestHistory(TimeProvider time)
    {
        _time = time;
        Array.Fill(_minute, -1);
    }

    public void Record(string route, int status, double seconds)
    {
        if (route.StartsWith("/ui", StringComparison.Ordinal))
        {
            return;
        }

        var bucket = LatencyHistogram.BucketOf(seconds);
        var minute = _time.GetUtcNow().ToUnixTimeSeconds() / 60;
        var slot = (int)(minute % Minutes);
        lock (_lock)
        {
            if (_minute[slot] != minute)
            {
                // The slot last held a minute an hour or more ago: start it afresh.
                _minute[slot] = minute;
                _requests[slot] = _clientErrors[slot] = _serverErrors[slot] = 0;
                for (var b = 0; b < _buckets.GetLength(1); b++)
                {
                    _buckets[slot, b] = 0;
                }
            }

            _requests[slot]++;
            _clientErrors[slot] += status is >= 400 and < 500 ? 1 : 0;
            _serverErrors[slot] += status >= 500 ? 1 : 0;
            _buckets[slot, bucket]++;
        }
    }

    /// <summary>The last <see cref="Minutes"/> minutes, oldest first, ending with the current one; quiet minutes are zeros.</summary>
    public IReadOnlyList<MinuteStats> Snapshot()
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds() / 60;
        var result = new MinuteStats[Minutes];
        var counts = new long[LatencyHistogram.Bounds.Length + 1];
        lock (_lock)
        {
            for (var i = 0; i < Minutes; i++)
            {
                var minute = now - Minutes + 1 + i;
                var slot = (int)(minute % Minutes);
                var start = DateTimeOffset.FromUnixTimeSeconds(minute * 60);
                if (_minute[slot] != minute || _requests[slot] == 0)
                {
                    result[i] = new MinuteStats(start, 0, 0, 0, double.NaN, double.NaN, double.NaN);
                    continue;
                }

                for (var b = 0; b < counts.Length; b++)
                {
                    counts[b] = _buckets[slot, b];
                }

                result[i] = new MinuteStats(start, _requests[slot], _clientErrors[slot], _serverErrors[slot],
                    Quantile(counts, 0.5) * 1000, Quantile(counts, 0.95) * 1000, Quantile(counts, 0.99) * 1000);
            }
        }

        return result;
    }

    /// <summary>
    /// The q-quantile of bucketed seconds: linear within the bucket that holds the rank (from 0 for the first bucket);
    /// a rank in the open +Inf bucket reads as the highest finite bound, as Prometheus does.
    /// </summary>
    internal static double Quantile(ReadOnlySpan<long> counts, double q)
    {
        long total = 0;
        foreach (var c in counts)
        {
            total += c;
        }

        if (total == 0)
        {
            return double.NaN;
        }

        var rank = q * total;
        long below = 0;
        var bounds = LatencyHistogram.Bounds;
        for (var b = 0; b < counts.Length; b++)
        {
            if (below + counts[b] >= rank && counts[b] > 0)
            {
                if (b == bounds.Length)
                {
                    return bounds[^1];
                }

                var lower = b == 0 ? 0 : bounds[b - 1];
                return lower + ((bounds[b] - lower) * (rank - below) / counts[b]);
            }

            below += counts[b];
        }

        return bounds[^1];
    }
}
