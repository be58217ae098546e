namespace Sextant.Pipelines;

/// <summary>Progress of a run: a stage starts, says something, or ends.</summary>
/// <param name="Index">1-based position of the stage.</param>
/// <param name="Count">Stages in the run.</param>
/// <param name="Stage">The stage's name.</param>
/// <param name="Message">What happened, e.g. "up to date" or a line of a command's output.</param>
/// <param name="Outcome">Set when the stage ended.</param>
public sealed record PipelineEvent(int Index, int Count, string Stage, string Message, StageOutcome? Outcome = null);
