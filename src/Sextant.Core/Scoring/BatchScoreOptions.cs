namespace Sextant.Scoring;

/// <summary>What <see cref="BatchScorer"/> scores and where it writes.</summary>
public sealed record BatchScoreOptions
{
    /// <summary>A CSV or Parquet file, or a folder whose <c>*.csv</c> and <c>*.parquet</c> files are read in name order as one input.</summary>
    public required string Input { get; init; }

    /// <summary>The predictions file: Parquet, or CSV when the name ends in <c>.csv</c> (see <see cref="Format"/>).</summary>
    public required string Output { get; init; }

    /// <summary>The file format of <see cref="Output"/>: <c>parquet</c> or <c>csv</c>. <value>Default: by the output's extension (<c>.csv</c>: CSV, else Parquet).</value></summary>
    public string? Format { get; init; }

    /// <summary>The rows this run scores. <value>Default: all of them.</value></summary>
    public Partition Partition { get; init; } = Partition.All;

    /// <summary>Input columns copied to the output beside each prediction (e.g. an id), as text. <value>Default: none.</value></summary>
    public IReadOnlyList<string> Keep { get; init; } = [];

    /// <summary>The CSV of refused rows (row, feature, rule, message, value). <value>Default: the output's name with <c>.rejected.csv</c>.</value></summary>
    public string? Rejects { get; init; }

    /// <summary>The output format in effect.</summary>
    public string OutputFormat => Format ?? (Output.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "csv" : "parquet");

    /// <summary>The refusals file in effect.</summary>
    public string RejectsPath => Rejects ?? Path.ChangeExtension(Output, null) + ".rejected.csv";
}
