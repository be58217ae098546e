using System.Text;

namespace Sextant.Reports.Charts;

/// <summary>Lines over a numeric or time axis, each with an optional shaded band (an interval), and a legend when there are several.</summary>
public static class LineChart
{
    /// <summary>Renders the series; <paramref name="xScale"/> says whether x is a number or Unix seconds.</summary>
    public static string Render(IReadOnlyList<LineSeries> series, ChartOptions options, AxisScale xScale = AxisScale.Number)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        var xs = series.SelectMany(s => s.X).Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        var ys = series.SelectMany(s => s.Y.Concat(s.Lower ?? []).Concat(s.Upper ?? [])).Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        var x = xScale == AxisScale.Time ? new NiceScale(xs.Min(), Math.Max(xs.Max(), xs.Min() + 1), 1) : NiceScale.Create(xs.Min(), xs.Max(), 6);
        var y = options.WholeNumbers ? NiceScale.Whole(ys.Min(), ys.Max(), 5, pad: true) : NiceScale.Create(ys.Min(), ys.Max(), 5);
        var plot = new PlotArea(options, PlotArea.LabelWidth(y), series.Count > 1 ? 18 : 0);
        plot.YAxis(y);
        plot.XAxis(x, xScale);
        for (var s = 0; s < series.Count; s++)
        {
            var line = series[s];
            var colour = Palette.Series(s);
            if (line.Lower is { } lower && line.Upper is { } upper)
            {
                var band = new StringBuilder();
                for (var i = 0; i < line.X.Length; i++)
                {
                    band.Append(i == 0 ? 'M' : 'L').Append(SvgBuilder.N(plot.X(x, line.X[i]))).Append(' ').Append(SvgBuilder.N(plot.Y(y, upper[i])));
                }

                for (var i = line.X.Length - 1; i >= 0; i--)
                {
                    band.Append('L').Append(SvgBuilder.N(plot.X(x, line.X[i]))).Append(' ').Append(SvgBuilder.N(plot.Y(y, lower[i])));
                }

                if (line.X.Length > 0)
                {
                    plot.Svg.Path(band.Append('Z').ToString(), "none", colour, 0, "band", "fill-opacity=\"0.2\"", $"{line.Name}: interval");
                }
            }

            var path = new StringBuilder();
            var pen = false;
            for (var i = 0; i < line.X.Length; i++)
            {
                if (!double.IsFinite(line.Y[i]))
                {
                    pen = false;
                    continue;
                }

                path.Append(pen ? 'L' : 'M').Append(SvgBuilder.N(plot.X(x, line.X[i]))).Append(' ').Append(SvgBuilder.N(plot.Y(y, line.Y[i])));
                pen = true;
            }

            plot.Svg.Path(path.Length == 0 ? "M0 0" : path.ToString(), colour, "none", 2, "mark", "stroke-linejoin=\"round\"", line.Name);
            if (line.X.Length <= 60)
            {
                for (var i = 0; i < line.X.Length; i++)
                {
                    if (double.IsFinite(line.Y[i]))
                    {
                        plot.Svg.Circle(plot.X(x, line.X[i]), plot.Y(y, line.Y[i]), 2.5, colour, "point");
                    }
                }
            }

            if (series.Count > 1)
            {
                plot.LegendKey(s, line.Name);
            }
        }

        return plot.Build($"{series.Count} line(s) over {CountPoints(series)} points; values from {ChartNumber.Format(ys.Min())} to {ChartNumber.Format(ys.Max())}.");

        static int CountPoints(IReadOnlyList<LineSeries> all) => all.Sum(s => s.X.Length);
    }
}
