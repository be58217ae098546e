using System.Text.Json;
using System.Threading.Channels;
using Sextant.Monitoring;
using Sextant.Server.Metrics;

namespace Sextant.Server.Logging;

/// <summary>
/// The shadow model: a second alias (e.g. <c>staging</c>) scores every request after the response is sent, off the
/// request path. Requests only enqueue into a bounded queue (full: the shadow scoring is skipped and counted, the
/// prediction is still logged); the record reaches the prediction log with both predictions, so their delta is kept.
/// </summary>
public sealed class ShadowScorer : BackgroundService
{
    private readonly Channel<PredictionRecord> _queue;
    private readonly PredictionLog _log;
    private readonly ServerMetrics _metrics;

    public ShadowScorer(ServerOptions options, PredictionLog log, ServerMetrics metrics, ModelHost primary)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(primary);
        _log = log;
        _metrics = metrics;
        Host = options.ShadowAlias is { } alias ? new ModelHost(primary.Project, metrics, alias) : null;
        _queue = Channel.CreateBounded<PredictionRecord>(new BoundedChannelOptions(Math.Max(1, options.ShadowQueueCapacity))
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });
    }

    /// <summary>The shadow model's host (it follows its alias like the primary), or null when there is no shadow.</summary>
    public ModelHost? Host { get; }

    /// <summary>Hands a served prediction to the shadow; false when there is no shadow model or its queue is full.</summary>
    public bool TryAdd(PredictionRecord record)
    {
        if (Host?.Current is null)
        {
            return false;
        }

        if (_queue.Writer.TryWrite(record))
        {
            return true;
        }

        _metrics.RecordShadowDropped();
        return false;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Host is not null)
        {
            await Host.LoadAsync(null, cancellationToken).ConfigureAwait(false);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Drains what was queued even while stopping: every accepted prediction reaches the log.
        await foreach (var record in _queue.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            _log.TryAdd(Score(record));
        }
    }

    private PredictionRecord Score(PredictionRecord record)
    {
        if (Host?.Current is not { } shadow)
        {
            return record;
        }

        try
        {
            using var features = JsonDocument.Parse(record.Features);
            var (_, prediction) = shadow.Predict(features.RootElement);
            _metrics.RecordShadow(scored: prediction is not null);
            return prediction is null ? record : record with { ShadowVersion = shadow.Version, ShadowPrediction = prediction.Value };
        }
        catch (Exception ex) when (ex is JsonException or SextantException or ArgumentException)
        {
            // The shadow never fails the primary path: count it and log the primary prediction alone.
            _metrics.RecordShadow(scored: false);
            return record;
        }
    }
}
