namespace Sextant.Pipelines;

/// <summary>One stage's outcome, why it ran (or would), and what it did.</summary>
public sealed record StageResult(string Name, string Kind, StageOutcome Outcome, IReadOnlyList<string> Reasons)
{
    /// <summary>One line on what it did (or, up to date, did last time).</summary>
    public string? Summary { get; init; }

    /// <summary>Why it failed.</summary>
    public string? Error { get; init; }

    /// <summary>How long it ran, when it ran.</summary>
    public long? DurationMs { get; init; }

    /// <summary>The metrics it recorded.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();
}
