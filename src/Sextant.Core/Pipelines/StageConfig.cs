namespace Sextant.Pipelines;

/// <summary>One stage of <c>pipeline.stages</c>.</summary>
public sealed record StageConfig
{
    /// <summary>
    /// ingest, validate, eda, train, evaluate, register, promote, export, or cmd.
    /// <value>Default: cmd when <see cref="Cmd"/> is set, else the stage's name.</value>
    /// </summary>
    public string? Kind { get; init; }

    /// <summary>A shell command (<c>/bin/sh -c</c>, run in the project folder), for a <c>cmd</c> stage.</summary>
    public string? Cmd { get; init; }

    /// <summary>
    /// What the stage reads beyond what its kind reads anyway: files or folders (relative to the project folder),
    /// <c>config:SECTION</c> (a section of <c>sextant.yaml</c>, e.g. <c>config:training</c> or <c>config:training.candidates</c>)
    /// and <c>stage:NAME</c> (an upstream stage). A file another stage lists in <see cref="Outs"/> makes that stage upstream.
    /// </summary>
    public IReadOnlyList<string> Deps { get; init; } = [];

    /// <summary>Files or folders the stage writes (relative to the project folder); hashed into the lock, checked on every run.</summary>
    public IReadOnlyList<string> Outs { get; init; } = [];

    /// <summary>
    /// A JSON file of metrics: written by <c>train</c> and <c>evaluate</c>, read from a <c>cmd</c> stage (numbers, nested
    /// objects flattened with dots). Its metrics go into the lock. <value>Default: none.</value>
    /// </summary>
    public string? Metrics { get; init; }

    /// <summary>
    /// The CSV to read: <c>ingest</c> (instead of <c>data.path</c>), <c>validate</c> (instead of the stored dataset),
    /// <c>evaluate</c> (the labelled file; default <c>split.test_file</c>).
    /// </summary>
    public string? File { get; init; }

    /// <summary>
    /// For <c>export</c>: the ONNX file to write (required). For <c>eda</c>: a folder to also write the report files to
    /// (the report is always stored under <c>.sextant/reports/</c>). Counted among the stage's <see cref="Outs"/>.
    /// </summary>
    public string? Output { get; init; }

    /// <summary>For <c>promote</c>: the alias to move (e.g. <c>staging</c>, <c>prod</c>) when the gate passes.</summary>
    public string? To { get; init; }

    /// <summary>For <c>promote</c>: the reason stored in the alias history. <value>Default: "sextant pipeline run".</value></summary>
    public string? Reason { get; init; }

    /// <summary>For <c>register</c>: tags set on the trained version.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>For <c>register</c>: the description set on the trained version.</summary>
    public string? Description { get; init; }
}
