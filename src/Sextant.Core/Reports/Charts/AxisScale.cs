namespace Sextant.Reports.Charts;

/// <summary>How the values along the horizontal axis of a line or scatter chart are read.</summary>
public enum AxisScale
{
    /// <summary>Plain numbers.</summary>
    Number,

    /// <summary>Unix time in seconds (UTC): ticks at calendar boundaries, labelled as dates.</summary>
    Time,
}
