namespace Sextant.Reports.Rendering;

/// <summary>A chart: its file name (without extension, unique in the report), the SVG and its title for the Markdown alt text.</summary>
public sealed record ChartBlock(string Name, string Title, string Svg) : ReportBlock;
