namespace Sextant.Reports.Charts;

/// <summary>A matrix of coloured cells with their values, e.g. correlations: diverging colours for [-1, 1], sequential for [0, 1].</summary>
public static class HeatMapChart
{
    /// <summary>
    /// Renders <paramref name="values"/> (row-major, <paramref name="rows"/> x <paramref name="columns"/>; NaN is a grey
    /// "n/a" cell). <paramref name="signed"/>: colours for [-1, 1] rather than [0, 1]. The size follows the cell count.
    /// </summary>
    public static string Render(IReadOnlyList<string> rows, IReadOnlyList<string> columns, IReadOnlyList<double> values, string title, string? description = null, bool signed = true)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != rows.Count * columns.Count)
        {
            throw new ArgumentException($"{values.Count} values for {rows.Count} x {columns.Count} cells.", nameof(values));
        }

        var cell = columns.Count > 20 ? 22.0 : 38.0;
        var left = 16 + rows.Select(r => SvgBuilder.TextWidth(Short(r), 11)).DefaultIfEmpty(0).Max();
        var top = 40 + columns.Select(c => SvgBuilder.TextWidth(Short(c), 11)).DefaultIfEmpty(0).Max() * 0.72;
        var width = (int)Math.Ceiling(Math.Max(320, left + (columns.Count * cell) + 20));
        var height = (int)Math.Ceiling(top + (rows.Count * cell) + 36);
        var svg = new SvgBuilder(width, height);
        svg.Text(width / 2.0, 20, title, 15, "middle", Palette.Text, weight: "600", cssClass: "chart-title");
        for (var c = 0; c < columns.Count; c++)
        {
            svg.Text(left + (c * cell) + (cell / 2), top - 6, Short(columns[c]), 11, "start", Palette.Axis, -45, cssClass: "tick");
        }

        for (var r = 0; r < rows.Count; r++)
        {
            svg.Text(left - 6, top + (r * cell) + (cell / 2) + 4, Short(rows[r]), 11, "end", Palette.Axis, cssClass: "tick");
            for (var c = 0; c < columns.Count; c++)
            {
                var v = values[(r * columns.Count) + c];
                var x = left + (c * cell);
                var y = top + (r * cell);
                svg.Rect(x, y, cell - 1, cell - 1, Palette.Scale(v, signed), "mark", $"{rows[r]} x {columns[c]}: {ChartNumber.Format(v, 3)}");
                if (cell >= 30)
                {
                    svg.Text(x + (cell / 2), y + (cell / 2) + 4, double.IsNaN(v) ? "n/a" : ChartNumber.Format(v, 2), 10, "middle", Palette.TextOn(v), cssClass: "cell-value");
                }
            }
        }

        var legendY = top + (rows.Count * cell) + 14;
        for (var i = 0; i <= 10; i++)
        {
            var v = signed ? -1 + (i * 0.2) : i * 0.1;
            svg.Rect(left + (i * 16), legendY, 16, 8, Palette.Scale(v, signed), "legend-key");
        }

        svg.Text(left, legendY + 20, signed ? "-1" : "0", 10, "start", Palette.Axis, cssClass: "legend");
        svg.Text(left + 176, legendY + 20, "1", 10, "end", Palette.Axis, cssClass: "legend");
        return svg.Build(title, description ?? $"Heat map of {rows.Count} by {columns.Count} cells, {(signed ? "from -1 to 1" : "from 0 to 1")}.");
    }

    private static string Short(string label) => label.Length > 20 ? label[..19] + "…" : label;
}
