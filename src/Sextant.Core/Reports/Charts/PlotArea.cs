namespace Sextant.Reports.Charts;

/// <summary>The frame shared by the axis charts: title, margins, grid lines, tick labels and axis labels.</summary>
internal sealed class PlotArea
{
    private const double TitleHeight = 28;

    public PlotArea(ChartOptions options, double leftLabelWidth = 0, double bottomExtra = 0)
    {
        Options = options;
        Svg = new SvgBuilder(options.Width, options.Height);
        Left = 14 + (options.YLabel.Length > 0 ? 18 : 0) + Math.Max(34, leftLabelWidth);
        Right = options.Width - 16;
        Top = TitleHeight + 10;
        Bottom = options.Height - 26 - (options.XLabel.Length > 0 ? 18 : 0) - bottomExtra;
        Svg.Text(options.Width / 2.0, 20, options.Title, 15, "middle", Palette.Text, weight: "600", cssClass: "chart-title");
        if (options.YLabel.Length > 0)
        {
            Svg.Text(14, (Top + Bottom) / 2, options.YLabel, 12, "middle", Palette.Text, -90, cssClass: "axis-label");
        }

        if (options.XLabel.Length > 0)
        {
            Svg.Text((Left + Right) / 2, options.Height - 8, options.XLabel, 12, "middle", Palette.Text, cssClass: "axis-label");
        }
    }

    public ChartOptions Options { get; }

    public SvgBuilder Svg { get; }

    public double Left { get; }

    public double Right { get; }

    public double Top { get; }

    public double Bottom { get; }

    public static double LabelWidth(NiceScale scale) => scale.Ticks().Max(t => SvgBuilder.TextWidth(ChartNumber.Format(t), 11)) + 6;

    public double Y(NiceScale scale, double value) => scale.Map(value, Bottom, Top);

    public double X(NiceScale scale, double value) => scale.Map(value, Left, Right);

    public void YAxis(NiceScale scale)
    {
        foreach (var tick in scale.Ticks())
        {
            var y = Y(scale, tick);
            Svg.Line(Left, y, Right, y, Palette.Grid, 1, "grid");
            Svg.Text(Left - 5, y + 4, ChartNumber.Format(tick), 11, "end", Palette.Axis, cssClass: "tick");
        }

        Svg.Line(Left, Top, Left, Bottom, Palette.Axis, 1, "axis");
    }

    public void XAxis(NiceScale scale, AxisScale kind = AxisScale.Number)
    {
        Svg.Line(Left, Bottom, Right, Bottom, Palette.Axis, 1, "axis");
        var ticks = kind == AxisScale.Time ? TimeTicks.Create(scale.Min, scale.Max) : [.. scale.Ticks().Select(t => (t, ChartNumber.Format(t)))];
        foreach (var (value, label) in ticks)
        {
            var x = X(scale, value);
            Svg.Line(x, Bottom, x, Bottom + 4, Palette.Axis, 1, "tick-mark");
            Svg.Text(x, Bottom + 17, label, 11, "middle", Palette.Axis, cssClass: "tick");
        }
    }

    /// <summary>Labels under evenly spaced categories (every k-th one when they would overlap).</summary>
    public void CategoryAxis(IReadOnlyList<string> labels, Func<int, double> x)
    {
        Svg.Line(Left, Bottom, Right, Bottom, Palette.Axis, 1, "axis");
        var widest = labels.Count == 0 ? 0 : labels.Max(l => SvgBuilder.TextWidth(l, 11)) + 6;
        var room = labels.Count == 0 ? 1 : (Right - Left) / labels.Count;
        var every = Math.Max(1, (int)Math.Ceiling(widest / room));
        for (var i = 0; i < labels.Count; i += every)
        {
            Svg.Text(x(i), Bottom + 17, labels[i], 11, "middle", Palette.Axis, cssClass: "tick");
        }
    }

    /// <summary>The legend entry of the series at <paramref name="index"/>, in the row the chart left under its tick labels (above the axis label).</summary>
    public void LegendKey(int index, string name)
    {
        var x = Left + (index * 150);
        Svg.Rect(x, Bottom + 28, 12, 4, Palette.Series(index), "legend-key");
        Svg.Text(x + 16, Bottom + 33, name, 11, "start", Palette.Text, cssClass: "legend");
    }

    public string Build(string description) => Svg.Build(Options.Title, Options.Description ?? description);
}
