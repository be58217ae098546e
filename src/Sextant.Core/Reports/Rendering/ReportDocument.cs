namespace Sextant.Reports.Rendering;

/// <summary>The one model of a report, rendered to HTML or Markdown by <see cref="ReportRenderer"/> (and by the dashboard).</summary>
public sealed record ReportDocument(string Title, string Subtitle, IReadOnlyList<ReportSection> Sections);
