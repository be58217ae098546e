namespace Sextant.Reports.Eda;

/// <summary>Every number of an EDA report; the HTML and Markdown are rendered from it.</summary>
public sealed record EdaReport
{
    public required EdaManifest Manifest { get; init; }

    public string? Target { get; init; }

    public string? Task { get; init; }

    /// <summary>For classification: the label read as 1.</summary>
    public string? PositiveClass { get; init; }

    /// <summary>Rows that repeat an earlier row exactly.</summary>
    public long DuplicateRows { get; init; }

    public required IReadOnlyList<ColumnProfile> Columns { get; init; }

    public required IReadOnlyList<AssociationMatrix> Associations { get; init; }

    public required IReadOnlyList<TargetRelation> TargetRelations { get; init; }

    public required IReadOnlyList<DateBreakdown> Dates { get; init; }

    public required IReadOnlyList<EdaWarning> Warnings { get; init; }

    public required EdaOptions Options { get; init; }
}
