namespace Sextant.Server;

/// <summary>
/// Hot reload: when the server serves an alias, it loads the alias's new version in the background when any process
/// promotes or rolls back: at once on PostgreSQL (LISTEN/NOTIFY), and by polling the store every
/// <see cref="ServerOptions.AliasPollInterval"/> on any store (and on PostgreSQL should a notification be missed). The swap is atomic (requests in flight finish on the model they read);
/// a failed load keeps the old model, is logged and counted.
/// </summary>
public sealed partial class AliasWatcher(ModelHost primary, Logging.ShadowScorer shadow, ServerOptions options, ILogger<AliasWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hosts = new[] { primary, shadow.Host }.OfType<ModelHost>().Where(h => h.Alias is not null).ToList();
        if (hosts.Count == 0 || options.AliasPollInterval <= TimeSpan.Zero)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await primary.Project.Metadata.WaitForAliasChangeAsync(options.AliasPollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            foreach (var host in hosts)
            {
                await FollowAsync(host, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task FollowAsync(ModelHost host, CancellationToken stoppingToken)
    {
            try
            {
                var before = host.Current?.Version;
                if (await host.FollowAliasAsync(stoppingToken).ConfigureAwait(false))
                {
                    LogSwitched(logger, host.Alias!, before, host.Current!.Version);
                }
                else if (host.LoadError is { } error)
                {
                    LogLoadFailed(logger, host.Alias!, error);
                }
            }
            catch (Exception ex) when (ex is SextantException or System.Data.Common.DbException or TimeoutException)
            {
                // The store may be briefly unreachable: keep serving and try again at the next tick.
                LogPollFailed(logger, host.Alias!, ex.Message);
            }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alias '{Alias}' moved: now serving v{Version} (was v{Previous}).")]
    private static partial void LogSwitched(ILogger logger, string alias, int? previous, int version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alias '{Alias}' moved but its version could not be loaded; the served model stays: {Error}")]
    private static partial void LogLoadFailed(ILogger logger, string alias, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read alias '{Alias}' from the store; will retry: {Error}")]
    private static partial void LogPollFailed(ILogger logger, string alias, string error);
}
