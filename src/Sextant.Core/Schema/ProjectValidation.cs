namespace Sextant.Schema;

/// <summary>
/// A project's data checked against its schema, as <c>sextant validate</c> reports it: the schema's own leakage
/// problems and every row-level violation, with the soft findings apart.
/// </summary>
/// <param name="Source">What was checked: the file's full path, or <c>dataset 'name' vN</c>.</param>
/// <param name="Report">The row-level validation.</param>
/// <param name="Errors">The schema's leakage problems followed by the report's errors.</param>
public sealed record ProjectValidation(string Source, ValidationReport Report, IReadOnlyList<ValidationIssue> Errors)
{
    /// <summary>True when nothing refuses the data.</summary>
    public bool Passed => Errors.Count == 0;
}
