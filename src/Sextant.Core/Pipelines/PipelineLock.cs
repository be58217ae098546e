namespace Sextant.Pipelines;

/// <summary>The contents of <c>sextant.lock</c>: each stage's input and output hashes at its last successful run.</summary>
public sealed record PipelineLock
{
    /// <summary>The lock file's format version.</summary>
    public int Schema { get; init; } = 1;

    /// <summary>The stages that have run, by name.</summary>
    public IReadOnlyDictionary<string, StageLock> Stages { get; init; } = new Dictionary<string, StageLock>();
}
