namespace Sextant.Reports.Charts;

/// <summary>
/// Horizontal bars, one per labelled category in the order given (labels stay readable however long), or a group of
/// bars per category, one per series, with a legend (e.g. a reference and a current distribution side by side).
/// </summary>
public static class BarChart
{
    /// <summary>Renders one bar per label; values may be negative (bars then grow left of zero).</summary>
    public static string Render(IReadOnlyList<string> labels, IReadOnlyList<double> values, ChartOptions options)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Render(labels, [new BarSeries("", values)], options);
    }

    /// <summary>Renders a group of bars per label, one per series in series order; a legend names the series when there are several.</summary>
    /// <exception cref="ArgumentException">A series does not have one value per label.</exception>
    public static string Render(IReadOnlyList<string> labels, IReadOnlyList<BarSeries> series, ChartOptions options)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        if (series.FirstOrDefault(s => s.Values.Count != labels.Count) is { } wrong)
        {
            throw new ArgumentException($"{labels.Count} labels for {wrong.Values.Count} values{(wrong.Name.Length > 0 ? $" of '{wrong.Name}'" : "")}.", nameof(labels));
        }

        var grouped = series.Count > 1;
        var shown = labels.Select(l => l.Length > 28 ? l[..27] + "…" : l).ToArray();
        var finite = series.SelectMany(s => s.Values).Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        var xScale = NiceScale.Create(finite.Min(), finite.Max(), 5, includeZero: true);
        var labelWidth = shown.Length == 0 ? 0 : shown.Max(l => SvgBuilder.TextWidth(l, 11)) + 8;
        var options2 = options with { Height = Math.Max(options.Height, 70 + (labels.Count * (6 + (12 * Math.Max(1, series.Count))))) };
        var plot = new PlotArea(options2, labelWidth, grouped ? 18 : 0);
        foreach (var tick in xScale.Ticks())
        {
            var x = plot.X(xScale, tick);
            plot.Svg.Line(x, plot.Top, x, plot.Bottom, Palette.Grid, 1, "grid");
        }

        plot.XAxis(xScale);
        var band = labels.Count == 0 ? 0 : (plot.Bottom - plot.Top) / labels.Count;
        var bar = series.Count == 0 ? 0 : band * 0.7 / series.Count;
        var zero = plot.X(xScale, 0);
        for (var i = 0; i < labels.Count; i++)
        {
            var y = plot.Top + (i * band);
            plot.Svg.Text(plot.Left - 6, y + (band / 2) + 4, shown[i], 11, "end", Palette.Text, cssClass: "tick");
            for (var s = 0; s < series.Count; s++)
            {
                var value = series[s].Values[i];
                if (!double.IsFinite(value))
                {
                    continue;
                }

                var x = plot.X(xScale, value);
                plot.Svg.Rect(Math.Min(x, zero), y + (band * 0.15) + (s * bar), Math.Abs(x - zero), bar, Palette.Series(s), "mark",
                    $"{labels[i]}{(grouped ? $", {series[s].Name}" : "")}: {ChartNumber.Format(value)}");
            }
        }

        plot.Svg.Line(zero, plot.Top, zero, plot.Bottom, Palette.Axis, 1, "axis");
        if (grouped)
        {
            for (var s = 0; s < series.Count; s++)
            {
                plot.LegendKey(s, series[s].Name);
            }
        }

        return plot.Build(labels.Count == 0 || series.Count == 0 ? "No categories." : grouped ? DescribeGroups(labels, series) : DescribeBars(labels, series[0].Values));
    }

    private static string DescribeBars(IReadOnlyList<string> labels, IReadOnlyList<double> values) =>
        $"{labels.Count} bars; the largest is {labels[values.Select((v, i) => (v, i)).MaxBy(p => p.v).i]} at {ChartNumber.Format(values.Max())}.";

    private static string DescribeGroups(IReadOnlyList<string> labels, IReadOnlyList<BarSeries> series) =>
        $"{labels.Count} groups of {series.Count} bars ({string.Join(", ", series.Select(s => s.Name))}); "
        + string.Join("; ", series.Select(s => $"{s.Name} is largest at {labels[s.Values.Select((v, i) => (v, i)).MaxBy(p => p.v).i]} ({ChartNumber.Format(s.Values.Max())})"))
        + ".";
}
