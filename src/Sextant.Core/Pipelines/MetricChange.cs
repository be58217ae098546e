namespace Sextant.Pipelines;

/// <summary>One metric on both sides of a diff; null where a side lacks it.</summary>
public sealed record MetricChange(string Metric, double? Old, double? New)
{
    /// <summary>New minus old, when both exist.</summary>
    public double? Change => Old is { } a && New is { } b ? b - a : null;

    /// <summary>The change relative to the old value's magnitude, when both exist and the old is not zero.</summary>
    public double? RelativeChange => Old is { } a && New is { } b && a != 0 ? (b - a) / Math.Abs(a) : null;
}
