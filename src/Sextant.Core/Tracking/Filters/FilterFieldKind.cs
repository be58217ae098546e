namespace Sextant.Tracking.Filters;

/// <summary>Where a filter field's value lives.</summary>
public enum FilterFieldKind
{
    /// <summary>A column of the run itself (<c>status</c>, <c>start_time</c>, ...), written bare or as <c>attributes.NAME</c>.</summary>
    Attribute,

    /// <summary>The latest value of a metric, <c>metrics.KEY</c>; a number.</summary>
    Metric,

    /// <summary>A parameter, <c>params.KEY</c>; text, compared as a number with a number literal.</summary>
    Param,

    /// <summary>A tag, <c>tags.KEY</c>; text, compared as a number with a number literal.</summary>
    Tag,
}
