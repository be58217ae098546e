namespace Sextant.Reports.Charts;

/// <summary>Points (x, y); above <see cref="MaxPoints"/> an evenly strided sample is drawn (deterministic), and the description says so.</summary>
public static class ScatterChart
{
    /// <summary>The most points drawn. <value>2,000.</value></summary>
    public const int MaxPoints = 2_000;

    /// <summary>Renders the pairs where both values are finite.</summary>
    public static string Render(IReadOnlyList<double> x, IReadOnlyList<double> y, ChartOptions options, AxisScale xScale = AxisScale.Number)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(options);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"{x.Count} x values for {y.Count} y values.", nameof(x));
        }

        var pairs = new List<(double X, double Y)>();
        for (var i = 0; i < x.Count; i++)
        {
            if (double.IsFinite(x[i]) && double.IsFinite(y[i]))
            {
                pairs.Add((x[i], y[i]));
            }
        }

        var stride = Math.Max(1, (int)Math.Ceiling(pairs.Count / (double)MaxPoints));
        var drawn = pairs.Where((_, i) => i % stride == 0).ToArray();
        var xs = NiceScale.Create(pairs.Count == 0 ? 0 : pairs.Min(p => p.X), pairs.Count == 0 ? 1 : pairs.Max(p => p.X), 6);
        var ys = NiceScale.Create(pairs.Count == 0 ? 0 : pairs.Min(p => p.Y), pairs.Count == 0 ? 1 : pairs.Max(p => p.Y), 5);
        if (xScale == AxisScale.Time && pairs.Count > 0)
        {
            xs = new NiceScale(pairs.Min(p => p.X), Math.Max(pairs.Max(p => p.X), pairs.Min(p => p.X) + 1), 1);
        }

        var plot = new PlotArea(options, PlotArea.LabelWidth(ys));
        plot.YAxis(ys);
        plot.XAxis(xs, xScale);
        foreach (var (px, py) in drawn)
        {
            plot.Svg.Circle(plot.X(xs, px), plot.Y(ys, py), 2.2, Palette.Series(0), "mark", opacity: drawn.Length > 300 ? 0.35 : 0.7);
        }

        var sample = stride > 1 ? $" ({ChartNumber.Format(drawn.Length)} drawn, every {stride}th)" : "";
        return plot.Build($"Scatter of {ChartNumber.Format(pairs.Count)} points{sample}.");
    }
}
