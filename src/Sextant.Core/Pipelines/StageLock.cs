namespace Sextant.Pipelines;

/// <summary>What <c>sextant.lock</c> records of a stage's last successful run.</summary>
public sealed record StageLock
{
    /// <summary>The stage's kind.</summary>
    public required string Kind { get; init; }

    /// <summary>SHA-256 of every input hash together.</summary>
    public required string InputHash { get; init; }

    /// <summary>Each input's hash by key (<c>file:data/x.csv</c>, <c>config:training</c>, <c>stage:ingest</c>, <c>code</c>, <c>definition</c>); null for a file that was missing.</summary>
    public required IReadOnlyDictionary<string, string?> Inputs { get; init; }

    /// <summary>SHA-256 of the outputs and products together: what downstream stages hash as this stage.</summary>
    public required string OutputHash { get; init; }

    /// <summary>Each output file's or folder's hash by key (<c>file:model.json</c>).</summary>
    public IReadOnlyDictionary<string, string?> Outputs { get; init; } = new Dictionary<string, string?>();

    /// <summary>What a built-in stage produced in the store: <c>dataset_fingerprint</c>, <c>model_version</c>, <c>artifact_sha256</c>, <c>alias</c>...</summary>
    public IReadOnlyDictionary<string, string> Products { get; init; } = new Dictionary<string, string>();

    /// <summary>The stage's metrics (train: the test metrics; evaluate: the file's; cmd: its metrics file's).</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>The code version that ran it, readable (its hash is the <c>code</c> input).</summary>
    public string? CodeVersion { get; init; }

    /// <summary>One line on what it did.</summary>
    public string? Summary { get; init; }

    /// <summary>When it finished.</summary>
    public DateTimeOffset CompletedAt { get; init; }

    /// <summary>How long it ran.</summary>
    public long DurationMs { get; init; }
}
