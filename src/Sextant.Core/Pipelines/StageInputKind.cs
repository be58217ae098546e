namespace Sextant.Pipelines;

/// <summary>What kind of thing a stage input is.</summary>
public enum StageInputKind
{
    /// <summary>The stage's own definition in <c>pipeline.stages</c>.</summary>
    Definition,

    /// <summary>The version of Sextant's code.</summary>
    Code,

    /// <summary>A section of <c>sextant.yaml</c>.</summary>
    Config,

    /// <summary>A file or folder.</summary>
    File,

    /// <summary>The outputs of an upstream stage.</summary>
    Stage,
}
