namespace Sextant.Reports.Rendering;

/// <summary>One piece of a report section: <see cref="ParagraphBlock"/>, <see cref="TableBlock"/>, <see cref="ChartBlock"/> or <see cref="ListBlock"/>.</summary>
public abstract record ReportBlock;
