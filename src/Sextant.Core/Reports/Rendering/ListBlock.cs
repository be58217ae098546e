namespace Sextant.Reports.Rendering;

/// <summary>A bulleted list.</summary>
public sealed record ListBlock(IReadOnlyList<string> Items) : ReportBlock;
