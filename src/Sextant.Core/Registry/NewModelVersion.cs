namespace Sextant.Registry;

/// <summary>What is needed to register the next version of a model.</summary>
public sealed record NewModelVersion(
    string Name,
    string Learner,
    string ArtifactSha256,
    int DatasetVersion,
    string DatasetFingerprint,
    IReadOnlyDictionary<string, double> Metrics,
    string? RunId,
    bool ValidationPassed);
