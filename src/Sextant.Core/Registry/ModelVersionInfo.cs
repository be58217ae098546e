namespace Sextant.Registry;

/// <summary>A registered model version and its lineage.</summary>
public sealed record ModelVersionInfo(
    string Name,
    int Version,
    string Learner,
    string ArtifactSha256,
    int DatasetVersion,
    string DatasetFingerprint,
    IReadOnlyDictionary<string, double> Metrics,
    DateTimeOffset CreatedAt)
{
    /// <summary>The run that produced this version, when it was tracked.</summary>
    public string? RunId { get; init; }

    /// <summary>A free-text description set with <c>sextant registry describe</c>.</summary>
    public string? Description { get; init; }

    /// <summary>Whether the training data passed validation (false when trained with <c>--allow-invalid</c>).</summary>
    public bool ValidationPassed { get; init; } = true;

    /// <summary>Free-form key/value tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
