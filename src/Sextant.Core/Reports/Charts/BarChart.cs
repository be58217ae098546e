namespace Sextant.Reports.Charts;

/// <summary>Horizontal bars, one per labelled category, in the order given (labels stay readable however long).</summary>
public static class BarChart
{
    /// <summary>Renders one bar per label; values may be negative (bars then grow left of zero).</summary>
    public static string Render(IReadOnlyList<string> labels, IReadOnlyList<double> values, ChartOptions options)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(options);
        if (labels.Count != values.Count)
        {
            throw new ArgumentException($"{labels.Count} labels for {values.Count} values.", nameof(labels));
        }

        var shown = labels.Select(l => l.Length > 28 ? l[..27] + "…" : l).ToArray();
        var finite = values.Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        var xScale = NiceScale.Create(finite.Min(), finite.Max(), 5, includeZero: true);
        var labelWidth = shown.Length == 0 ? 0 : shown.Max(l => SvgBuilder.TextWidth(l, 11)) + 8;
        var options2 = options with { Height = Math.Max(options.Height, 70 + (labels.Count * 18)) };
        var plot = new PlotArea(options2, labelWidth);
        foreach (var tick in xScale.Ticks())
        {
            var x = plot.X(xScale, tick);
            plot.Svg.Line(x, plot.Top, x, plot.Bottom, Palette.Grid, 1, "grid");
        }

        plot.XAxis(xScale);
        var band = labels.Count == 0 ? 0 : (plot.Bottom - plot.Top) / labels.Count;
        var zero = plot.X(xScale, 0);
        for (var i = 0; i < labels.Count; i++)
        {
            var y = plot.Top + (i * band);
            plot.Svg.Text(plot.Left - 6, y + (band / 2) + 4, shown[i], 11, "end", Palette.Text, cssClass: "tick");
            if (!double.IsFinite(values[i]))
            {
                continue;
            }

            var x = plot.X(xScale, values[i]);
            plot.Svg.Rect(Math.Min(x, zero), y + (band * 0.15), Math.Abs(x - zero), band * 0.7, Palette.Series(0), "mark", $"{labels[i]}: {ChartNumber.Format(values[i])}");
        }

        plot.Svg.Line(zero, plot.Top, zero, plot.Bottom, Palette.Axis, 1, "axis");
        return plot.Build(labels.Count == 0
            ? "No categories."
            : $"{labels.Count} bars; the largest is {labels[values.Select((v, i) => (v, i)).MaxBy(p => p.v).i]} at {ChartNumber.Format(values.Max())}.");
    }
}
