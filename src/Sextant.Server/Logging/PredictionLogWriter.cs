using Sextant.Monitoring;
using Sextant.Server.Metrics;

namespace Sextant.Server.Logging;

/// <summary>
/// Writes the prediction log to the store in batches (up to 500 records per transaction). On shutdown it runs after
/// the server has finished its requests and drains the queue, so nothing accepted is lost; a batch the store refuses
/// is retried three times before it is counted as lost and logged.
/// </summary>
public sealed partial class PredictionLogWriter(PredictionLog log, ModelHost host, ServerMetrics metrics, ServerOptions options, TimeProvider time, ILogger<PredictionLogWriter> logger) : BackgroundService
{
    private const int BatchSize = 500;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        log.Complete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PredictionRecord>(BatchSize);
        // Reads ignore the stopping token on purpose: the loop ends when the queue is completed and empty.
        while (await log.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            Drain(batch);
            if (batch.Count < BatchSize && options.PredictionLogFlushInterval > TimeSpan.Zero && !log.Completing.IsCompleted)
            {
                // Gather for a moment: one transaction for many requests, unless shutdown asks for the flush now.
                await Task.WhenAny(Task.Delay(options.PredictionLogFlushInterval, time, CancellationToken.None), log.Completing).ConfigureAwait(false);
                Drain(batch);
            }

            await WriteAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }
    }

    private void Drain(List<PredictionRecord> batch)
    {
        while (batch.Count < BatchSize && log.Reader.TryRead(out var record))
        {
            batch.Add(record);
        }
    }

    private async Task WriteAsync(List<PredictionRecord> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await host.Project.Metadata.LogPredictionsAsync(batch, CancellationToken.None).ConfigureAwait(false);
                metrics.RecordLogWritten(batch.Count);
                return;
            }
            catch (Exception ex) when (ex is SextantException or System.Data.Common.DbException or TimeoutException)
            {
                if (attempt == 3)
                {
                    metrics.RecordLogWriteFailure(batch.Count);
                    LogLost(logger, batch.Count, ex.Message);
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt)).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} prediction log record(s) could not be written after 3 attempts: {Error}")]
    private static partial void LogLost(ILogger logger, int count, string error);
}
