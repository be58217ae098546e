namespace Sextant.Reports.Charts;

/// <summary>What every chart states about itself: a title and description (read by screen readers), axis labels and size.</summary>
public sealed record ChartOptions
{
    /// <summary>The visible title, also the SVG <c>&lt;title&gt;</c>.</summary>
    public required string Title { get; init; }

    /// <summary>A sentence for screen readers (SVG <c>&lt;desc&gt;</c>). <value>Default: generated from the data (e.g. "30 bars from 0 to 1,200").</value></summary>
    public string? Description { get; init; }

    /// <summary>The horizontal axis label. <value>Default empty.</value></summary>
    public string XLabel { get; init; } = "";

    /// <summary>The vertical axis label. <value>Default empty.</value></summary>
    public string YLabel { get; init; } = "";

    /// <summary>Width in CSS pixels. <value>Default 640.</value></summary>
    public int Width { get; init; } = 640;

    /// <summary>Height in CSS pixels. <value>Default 360.</value></summary>
    public int Height { get; init; } = 360;

    /// <summary>
    /// The vertical axis counts whole things (requests, rows, versions): ticks only at whole numbers, and line charts
    /// leave a unit of room around the data. Used by line charts and histograms. <value>Default false.</value>
    /// </summary>
    public bool WholeNumbers { get; init; }
}
