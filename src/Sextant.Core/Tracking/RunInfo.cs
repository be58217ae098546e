namespace Sextant.Tracking;

/// <summary>A tracked run with its latest metrics, params, tags and artifacts.</summary>
public sealed record RunInfo(string Id, string Project, string Name, RunStatus Status, DateTimeOffset StartTime)
{
    public DateTimeOffset? EndTime { get; init; }

    public double? DurationMs { get; init; }

    public string? Learner { get; init; }

    public int? DatasetVersion { get; init; }

    public string? DatasetFingerprint { get; init; }

    /// <summary>The model version registered from this run, if any.</summary>
    public int? ModelVersion { get; init; }

    public string? CodeVersion { get; init; }

    public string? Error { get; init; }

    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    public IReadOnlyDictionary<string, string> Params { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Artifact name to SHA-256 in the artifact store.</summary>
    public IReadOnlyDictionary<string, string> Artifacts { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Only filled by <c>IMetadataStore.GetRunAsync</c>: the config text.</summary>
    public string? ConfigSnapshot { get; init; }
}
