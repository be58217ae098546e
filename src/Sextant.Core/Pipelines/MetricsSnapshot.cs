namespace Sextant.Pipelines;

/// <summary>The metrics of one side of a diff: a run, a model version or a pipeline lock state.</summary>
/// <param name="Source">What it is, e.g. <c>run 01a2...</c>, <c>v3</c>, <c>sextant.lock</c>.</param>
/// <param name="Metrics">Its metrics by name (a lock's as <c>stage.metric</c>).</param>
public sealed record MetricsSnapshot(string Source, IReadOnlyDictionary<string, double> Metrics);
