namespace Sextant.Monitoring.Retraining;

/// <summary>What starts a retrain and how: the trigger recorded with the decision, and overrides of the configured source.</summary>
public sealed record RetrainRequest
{
    /// <summary>Gets why the retrain runs, in words (e.g. <c>alert 12 (data_drift)</c>); recorded with the run and the decision.</summary>
    /// <value>Default <c>manual</c>.</value>
    public string Trigger { get; init; } = "manual";

    /// <summary>Gets the alert that triggered it, if any.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public long? AlertId { get; init; }

    /// <summary>Gets a CSV or Parquet file of fresh data, instead of the configured source.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public string? File { get; init; }

    /// <summary>Gets whether to retrain even when the fresh data has fewer new rows than <c>monitoring.retrain.min_new_rows</c>.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool IgnoreMinNewRows { get; init; }

    /// <summary>Gets who is acting (recorded with the decision).</summary>
    /// <value>Default <c>retrain</c>.</value>
    public string Actor { get; init; } = "retrain";

    /// <summary>Gets where progress lines go.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public IProgress<string>? Progress { get; init; }
}
