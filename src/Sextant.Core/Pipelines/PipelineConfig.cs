namespace Sextant.Pipelines;

/// <summary>The <c>pipeline:</c> block of <c>sextant.yaml</c>: the stages <c>sextant pipeline run</c> runs, in dependency order.</summary>
public sealed record PipelineConfig
{
    /// <summary>
    /// The stages by name, in declaration order (ties of the dependency order keep it). A stage named after a kind
    /// (<c>ingest</c>, <c>train</c>...) is of that kind unless <see cref="StageConfig.Kind"/> says otherwise.
    /// <value>Default: none.</value>
    /// </summary>
    public IReadOnlyDictionary<string, StageConfig> Stages { get; init; } = new Dictionary<string, StageConfig>();
}
