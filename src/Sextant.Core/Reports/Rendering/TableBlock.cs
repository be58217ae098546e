namespace Sextant.Reports.Rendering;

/// <summary>A table of text cells; <see cref="NumericColumns"/> are right-aligned.</summary>
public sealed record TableBlock(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows) : ReportBlock
{
    public IReadOnlySet<int> NumericColumns { get; init; } = new HashSet<int>();
}
