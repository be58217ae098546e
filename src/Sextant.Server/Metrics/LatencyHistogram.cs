namespace Sextant.Server.Metrics;

/// <summary>A Prometheus-style histogram of seconds with fixed buckets; thread-safe.</summary>
public sealed class LatencyHistogram
{
    /// <summary>Upper bounds in seconds (the +Inf bucket is implicit).</summary>
    public static readonly double[] Bounds = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly long[] _counts = new long[Bounds.Length + 1];
    private readonly Lock _sumLock = new();
    private double _sum;
    private long _count;

    /// <summary>The index of the bucket that counts <paramref name="seconds"/>: the first bound not below it, or <c>Bounds.Length</c> for +Inf.</summary>
    public static int BucketOf(double seconds)
    {
        var i = 0;
        while (i < Bounds.Length && seconds > Bounds[i])
        {
            i++;
        }

        return i;
    }

    public void Observe(double seconds)
    {
        Interlocked.Increment(ref _counts[BucketOf(seconds)]);
        Interlocked.Increment(ref _count);
        lock (_sumLock)
        {
            _sum += seconds;
        }
    }

    public long Count => Interlocked.Read(ref _count);

    public double Sum
    {
        get
        {
            lock (_sumLock)
            {
                return _sum;
            }
        }
    }

    /// <summary>Cumulative counts per bound, then the +Inf total.</summary>
    public long[] Cumulative()
    {
        var result = new long[_counts.Length];
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            running += Interlocked.Read(ref _counts[i]);
            result[i] = running;
        }

        return result;
    }
}
