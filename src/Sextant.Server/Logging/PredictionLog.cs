using System.Collections.Concurrent;
using System.Threading.Channels;
using Sextant.Monitoring;
using Sextant.Server.Metrics;

namespace Sextant.Server.Logging;

/// <summary>
/// The bounded queue between requests and the store. Requests only enqueue (never wait on the database); when the
/// queue is full the newest record is dropped and counted (<c>sextant_prediction_log_dropped_total</c>), so a slow
/// store can never slow predictions. It also remembers recent request ids, so a reused id is refused at once.
/// </summary>
public sealed class PredictionLog
{
    private const int RememberedIds = 100_000;
    private readonly Channel<PredictionRecord> _queue;
    private readonly ServerMetrics _metrics;
    private readonly ConcurrentDictionary<string, byte> _recentIds = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _idOrder = new();
    private readonly TaskCompletionSource _completing = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PredictionLog(ServerOptions options, ServerMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        Enabled = options.PredictionLogCapacity > 0;
        _queue = Channel.CreateBounded<PredictionRecord>(new BoundedChannelOptions(Math.Max(1, options.PredictionLogCapacity))
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });
        _metrics = metrics;
        metrics.PredictionLogDepth = () => _queue.Reader.Count;
    }

    public bool Enabled { get; }

    public ChannelReader<PredictionRecord> Reader => _queue.Reader;

    /// <summary>Queues a record; false (and counted) when the queue is full or closed.</summary>
    public bool TryAdd(PredictionRecord record)
    {
        if (!Enabled)
        {
            return false;
        }

        if (_queue.Writer.TryWrite(record))
        {
            return true;
        }

        _metrics.RecordLogDropped();
        return false;
    }

    /// <summary>Claims a request id; false when this server has already seen it.</summary>
    public bool Claim(string requestId)
    {
        if (!_recentIds.TryAdd(requestId, 0))
        {
            return false;
        }

        _idOrder.Enqueue(requestId);
        while (_recentIds.Count > RememberedIds && _idOrder.TryDequeue(out var old))
        {
            _recentIds.TryRemove(old, out _);
        }

        return true;
    }

    /// <summary>Completes when <see cref="Complete"/> is called: the writer stops gathering and flushes at once.</summary>
    public Task Completing => _completing.Task;

    /// <summary>No more records: the writer drains what is queued and stops.</summary>
    public void Complete()
    {
        _queue.Writer.TryComplete();
        _completing.TrySetResult();
    }
}
