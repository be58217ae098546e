namespace Sextant.Pipelines;

/// <summary>A resolved stage: its kind, every input (declared and implied by its kind), its upstream stages and its outputs.</summary>
/// <param name="Name">The stage's name.</param>
/// <param name="Kind">ingest, validate, eda, train, evaluate, register, promote, export or cmd.</param>
/// <param name="Config">The stage as declared.</param>
/// <param name="Inputs">Every input, the stage's definition and the code version first.</param>
/// <param name="Upstream">The stages that must run first, in pipeline order.</param>
/// <param name="Outs">The declared output files or folders, and the metrics file when there is one.</param>
public sealed record PipelineStage(string Name, string Kind, StageConfig Config, IReadOnlyList<StageInput> Inputs, IReadOnlyList<string> Upstream, IReadOnlyList<string> Outs);
