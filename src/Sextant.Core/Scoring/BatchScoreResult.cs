using Sextant.Schema;

namespace Sextant.Scoring;

/// <summary>What a batch scoring run did.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="ModelVersion">The registered version that scored.</param>
/// <param name="Partition">The rows scored: part K of N.</param>
/// <param name="Files">The input files, in the order read.</param>
/// <param name="RowsRead">Data rows in the input (every partition).</param>
/// <param name="RowsInPartition">Rows of this run's partition.</param>
/// <param name="RowsScored">Rows with a prediction in the output.</param>
/// <param name="RowsRefused">Rows refused by the schema (listed in <paramref name="RejectsPath"/>).</param>
/// <param name="FirstRefusals">The first problems (at most 20), each with its 1-based input row.</param>
/// <param name="OutputPath">The predictions file.</param>
/// <param name="RejectsPath">The refusals file (a header only when nothing was refused).</param>
public sealed record BatchScoreResult(
    string Model,
    int ModelVersion,
    Partition Partition,
    IReadOnlyList<string> Files,
    long RowsRead,
    long RowsInPartition,
    long RowsScored,
    long RowsRefused,
    IReadOnlyList<ValidationIssue> FirstRefusals,
    string OutputPath,
    string RejectsPath);
