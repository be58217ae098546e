namespace Sextant.Reports.Charts;

/// <summary>
/// One line of a <see cref="LineChart"/>: points (x, y) in x order; NaN in y breaks the line. With
/// <see cref="Lower"/> and <see cref="Upper"/> (same length) a shaded band is drawn behind it, e.g. an interval.
/// </summary>
public sealed record LineSeries(string Name, double[] X, double[] Y)
{
    /// <summary>The lower edge of the band; none when null.</summary>
    public double[]? Lower { get; init; }

    /// <summary>The upper edge of the band; none when null.</summary>
    public double[]? Upper { get; init; }
}
