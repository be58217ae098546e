namespace Sextant.Reports.Charts;

/// <summary>A histogram: one bar per bin between consecutive edges, height the count.</summary>
public static class HistogramChart
{
    /// <summary>Renders bins [edges[i], edges[i+1]) with <paramref name="counts"/>[i] rows each.</summary>
    /// <exception cref="ArgumentException"><paramref name="edges"/> is not one longer than <paramref name="counts"/>.</exception>
    public static string Render(IReadOnlyList<double> edges, IReadOnlyList<long> counts, ChartOptions options)
    {
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(options);
        if (edges.Count != counts.Count + 1)
        {
            throw new ArgumentException($"A histogram of {counts.Count} bins needs {counts.Count + 1} edges, not {edges.Count}.", nameof(edges));
        }

        var top = counts.Count == 0 ? 1 : Math.Max(1, counts.Max());
        var yScale = options.WholeNumbers ? NiceScale.Whole(0, top) : NiceScale.Create(0, top, 5, includeZero: true);
        var xScale = counts.Count == 0 ? NiceScale.Create(0, 1) : NiceScale.Create(edges[0], edges[^1], 6);
        var plot = new PlotArea(options, PlotArea.LabelWidth(yScale));
        plot.YAxis(yScale);
        plot.XAxis(xScale);
        for (var i = 0; i < counts.Count; i++)
        {
            var x0 = plot.X(xScale, edges[i]);
            var x1 = plot.X(xScale, edges[i + 1]);
            var y = plot.Y(yScale, counts[i]);
            plot.Svg.Rect(x0 + 0.5, y, x1 - x0 - 1, plot.Bottom - y, Palette.Series(0), "mark",
                $"{ChartNumber.Format(edges[i])} to {ChartNumber.Format(edges[i + 1])}: {ChartNumber.Format(counts[i])} rows");
        }

        return plot.Build(counts.Count == 0
            ? "No values."
            : $"Histogram of {counts.Count} bins from {ChartNumber.Format(edges[0])} to {ChartNumber.Format(edges[^1])}; the fullest bin holds {ChartNumber.Format(counts.Max())} rows.");
    }
}
