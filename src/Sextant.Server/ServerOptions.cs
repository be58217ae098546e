namespace Sextant.Server;

/// <summary>What the server serves and where.</summary>
public sealed record ServerOptions
{
    /// <summary>The project folder. <value>Default: the current folder.</value></summary>
    public string Project { get; init; } = ".";

    /// <summary>Listen addresses. <value>Default: serving.urls of sextant.yaml.</value></summary>
    public string? Urls { get; init; }

    /// <summary>The model version to serve. <value>Default: the latest.</value></summary>
    public int? Version { get; init; }

    /// <summary>Largest accepted request body in bytes. <value>Default 1 MiB.</value></summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Most records in one <c>/predict/batch</c> request. <value>Default 1000.</value></summary>
    public int MaxBatchSize { get; init; } = 1000;

    /// <summary>Keys accepted for prediction; when none, prediction is open. <value>Default: SEXTANT_API_KEYS.</value></summary>
    public IReadOnlyList<string>? ApiKeys { get; init; }

    /// <summary>Keys for admin endpoints (reload); when none, admin endpoints answer 403. <value>Default: SEXTANT_ADMIN_KEYS.</value></summary>
    public IReadOnlyList<string>? AdminKeys { get; init; }
}
