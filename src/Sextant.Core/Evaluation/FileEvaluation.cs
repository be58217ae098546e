using Sextant.Schema;

namespace Sextant.Evaluation;

/// <summary>A registered model scored on a labelled file, as <c>sextant evaluate</c> reports it.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Version">The version scored.</param>
/// <param name="File">The file's full path.</param>
/// <param name="RowsScored">Rows scored (those breaking no declared rule).</param>
/// <param name="RowsRead">Rows in the file.</param>
/// <param name="Validation">The file checked against the model's schema: errors are the refused rows' problems, warnings the soft findings.</param>
/// <param name="Metrics">The task's metrics on the scored rows (with interval coverage and width when the model has intervals).</param>
public sealed record FileEvaluation(
    string Model,
    int Version,
    string File,
    int RowsScored,
    int RowsRead,
    ValidationReport Validation,
    IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>The 1-based rows left out because they break a declared rule.</summary>
    public IReadOnlyList<int> RefusedRows => Validation.RowsWithErrors();
}
