namespace Sextant.Reports.Rendering;

/// <summary>Markdown text and the chart files it links to (relative paths such as <c>charts/x.svg</c>, with their SVG).</summary>
public sealed record MarkdownReport(string Text, IReadOnlyDictionary<string, string> Files);
