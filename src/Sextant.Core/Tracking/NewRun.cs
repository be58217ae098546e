namespace Sextant.Tracking;

/// <summary>What a run is started with: where it belongs, what it trains on and what produced it.</summary>
public sealed record NewRun(string Project, string Name)
{
    public string? DatasetFingerprint { get; init; }

    public int? DatasetVersion { get; init; }

    /// <summary>The git commit of the project folder, when it is a repository.</summary>
    public string? CodeVersion { get; init; }

    /// <summary>The text of <c>sextant.yaml</c> the run was started with.</summary>
    public string? ConfigSnapshot { get; init; }

    /// <summary>.NET version, OS, cores, Sextant version.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
