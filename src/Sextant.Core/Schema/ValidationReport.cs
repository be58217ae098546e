namespace Sextant.Schema;

/// <summary>Every problem found, never just the first.</summary>
public sealed record ValidationReport(int RowsChecked, IReadOnlyList<ValidationIssue> Errors, IReadOnlyList<ValidationIssue> Warnings)
{
    public bool Passed => Errors.Count == 0;

    /// <summary>Error counts per feature and rule.</summary>
    public IReadOnlyList<(string Feature, string Type, int Count)> Summary() => Counts(Errors);

    /// <summary>Warning counts per feature and type.</summary>
    public IReadOnlyList<(string Feature, string Type, int Count)> WarningSummary() => Counts(Warnings);

    /// <summary>The 1-based rows with at least one error, ascending; errors of a whole column have no row and are not counted.</summary>
    public IReadOnlyList<int> RowsWithErrors() => [.. Errors.Where(e => e.Row is not null).Select(e => e.Row!.Value).Distinct().Order()];

    private static IReadOnlyList<(string Feature, string Type, int Count)> Counts(IReadOnlyList<ValidationIssue> issues) =>
        [.. issues.GroupBy(e => (e.Feature, e.Type)).Select(g => (g.Key.Feature, g.Key.Type, g.Count())).OrderBy(x => x.Feature, StringComparer.Ordinal).ThenBy(x => x.Type, StringComparer.Ordinal)];
}
