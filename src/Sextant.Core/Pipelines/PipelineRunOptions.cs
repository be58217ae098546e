namespace Sextant.Pipelines;

/// <summary>Options of <see cref="PipelineRunner.RunAsync"/>.</summary>
public sealed record PipelineRunOptions
{
    /// <summary>Stages to run even when up to date. <value>Default: none.</value></summary>
    public IReadOnlyList<string> Force { get; init; } = [];

    /// <summary>Only these stages and what they depend on. <value>Default: every stage.</value></summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>Say what would run and why, run nothing, write nothing. <value>Default false.</value></summary>
    public bool DryRun { get; init; }

    /// <summary>Receives progress per stage.</summary>
    public IProgress<PipelineEvent>? Progress { get; init; }
}
