namespace Sextant.Server;

/// <summary>What the server serves and where.</summary>
public sealed record ServerOptions
{
    /// <summary>The project folder. <value>Default: the current folder.</value></summary>
    public string Project { get; init; } = ".";

    /// <summary>Listen addresses. <value>Default: serving.urls of sextant.yaml.</value></summary>
    public string? Urls { get; init; }

    /// <summary>The model version to serve. <value>Default: the latest, or the version of <see cref="Alias"/>.</value></summary>
    public int? Version { get; init; }

    /// <summary>Serve the version this alias (e.g. <c>prod</c>) points to. <value>Default: none (the latest version).</value></summary>
    public string? Alias { get; init; }

    /// <summary>How often to check whether the served alias moved; zero turns hot reload off. <value>Default 5 seconds.</value></summary>
    public TimeSpan AliasPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Prediction log queue size; when full, new records are dropped and counted. 0 turns the log off. <value>Default 10,000.</value></summary>
    public int PredictionLogCapacity { get; init; } = 10_000;

    /// <summary>
    /// How long the prediction-log writer gathers records before a write (unless a full batch of 500 is ready first):
    /// a few transactions a second instead of one per request at moderate load. Shutdown flushes at once.
    /// </summary>
    public TimeSpan PredictionLogFlushInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A second alias (e.g. <c>staging</c>) scored off the request path and logged beside the served model. <value>Default: none.</value></summary>
    public string? ShadowAlias { get; init; }

    /// <summary>Shadow queue size; when full, shadow scoring of new requests is skipped and counted. <value>Default 1,000.</value></summary>
    public int ShadowQueueCapacity { get; init; } = 1000;

    /// <summary>Requests per second allowed per API key (or per client address without keys) on prediction routes; 0 is unlimited. <value>Default 0.</value></summary>
    public int RateLimitPerSecond { get; init; }

    /// <summary>Largest accepted request body in bytes. <value>Default 1 MiB.</value></summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Most records in one <c>/predict/batch</c> request. <value>Default 1000.</value></summary>
    public int MaxBatchSize { get; init; } = 1000;

    /// <summary>Keys accepted for prediction; when none, prediction is open. <value>Default: SEXTANT_API_KEYS.</value></summary>
    public IReadOnlyList<string>? ApiKeys { get; init; }

    /// <summary>Keys for admin endpoints (reload); when none, admin endpoints answer 403. <value>Default: SEXTANT_ADMIN_KEYS.</value></summary>
    public IReadOnlyList<string>? AdminKeys { get; init; }

    /// <summary>
    /// The least level logged (JSON lines on stdout): <c>Warning</c> (default) logs server errors and operational
    /// problems; <c>Information</c> adds one line per request with its id, status and latency.
    /// </summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Warning;

    /// <summary>
    /// On SIGTERM, how long the server keeps answering while <c>/ready</c> says 503 (so a load balancer takes it out of
    /// rotation) before it stops accepting connections and finishes what is in flight; the in-process form of a
    /// Kubernetes preStop sleep. <value>Default 0.</value>
    /// </summary>
    public TimeSpan DrainDelay { get; init; }
}
