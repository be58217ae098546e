namespace Sextant.Schema;

/// <summary>Every problem found, never just the first.</summary>
public sealed record ValidationReport(int RowsChecked, IReadOnlyList<ValidationIssue> Errors, IReadOnlyList<ValidationIssue> Warnings)
{
    public bool Passed => Errors.Count == 0;

    /// <summary>Error counts per feature and rule.</summary>
    public IReadOnlyList<(string Feature, string Type, int Count)> Summary() =>
        [.. Errors.GroupBy(e => (e.Feature, e.Type)).Select(g => (g.Key.Feature, g.Key.Type, g.Count())).OrderBy(x => x.Feature, StringComparer.Ordinal).ThenBy(x => x.Type, StringComparer.Ordinal)];
}
