namespace Sextant.Pipelines;

/// <summary>Every stage's outcome, in pipeline order.</summary>
public sealed record PipelineRunResult(string Lock, IReadOnlyList<StageResult> Stages)
{
    /// <summary>True when no stage failed.</summary>
    public bool Succeeded => Stages.All(s => s.Outcome != StageOutcome.Failed);
}
