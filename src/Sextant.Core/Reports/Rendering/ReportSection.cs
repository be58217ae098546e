namespace Sextant.Reports.Rendering;

/// <summary>A titled section with an anchor id; <see cref="Level"/> 2 is a main section, 3 a sub-section.</summary>
public sealed record ReportSection(string Id, string Title, IReadOnlyList<ReportBlock> Blocks, int Level = 2);
