namespace Sextant.Projects;

/// <summary>Retraining on an alert (<c>monitoring.retrain</c>).</summary>
public sealed record RetrainConfig
{
    /// <summary>The alert kinds that trigger a retrain. <value>Default data_drift.</value></summary>
    public IReadOnlyList<string> Kinds { get; init; } = ["data_drift"];

    /// <summary>The least time between two automatic retrains, e.g. <c>24h</c>. <value>Default 24h.</value></summary>
    public string Cooldown { get; init; } = "24h";

    /// <summary>The fewest new labelled rows a retrain needs. <value>Default 1,000.</value></summary>
    public int MinNewRows { get; init; } = 1_000;
}
