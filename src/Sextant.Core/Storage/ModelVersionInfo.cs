namespace Sextant.Storage;

/// <summary>A registered model version and its lineage.</summary>
public sealed record ModelVersionInfo(
    string Name,
    int Version,
    string Learner,
    string ArtifactSha256,
    int DatasetVersion,
    string DatasetFingerprint,
    IReadOnlyDictionary<string, double> Metrics,
    DateTimeOffset CreatedAt);
