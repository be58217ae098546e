using System.Globalization;
using System.Text;
using Sextant.Reports.Charts;
using Sextant.Reports.Rendering;

namespace Sextant.Reports.Eda;

/// <summary>Lays an <see cref="EdaReport"/> out as a <see cref="ReportDocument"/> with its charts.</summary>
public static class EdaDocument
{
    /// <summary>The document of a report.</summary>
    public static ReportDocument Build(EdaReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var m = report.Manifest;
        var sections = new List<ReportSection>
        {
            new("overview", "Overview",
            [
                new TableBlock(["", ""],
                [
                    ["Dataset", $"{m.Dataset} v{m.DatasetVersion}"],
                    ["Rows", ChartNumber.Format(m.Rows)],
                    ["Columns", ChartNumber.Format(m.Columns)],
                    ["Duplicate rows", ChartNumber.Format(report.DuplicateRows)],
                    ["Target", report.Target is null ? "(none)" : $"{report.Target} ({report.Task}{(report.PositiveClass is { } p ? $", positive class {p}" : "")})"],
                    ["Report id", m.ReportId],
                    ["Dataset fingerprint", m.DatasetFingerprint],
                    ["Config hash", m.ConfigHash],
                    ["Sextant", m.SextantVersion],
                    ["Created", m.CreatedAt.ToString("u", CultureInfo.InvariantCulture)],
                ]),
                new TableBlock(["column", "type", "missing", "distinct", "mean", "std", "min", "max"],
                    [.. report.Columns.Select(c => (IReadOnlyList<string>)[c.Name + (c.IsTarget ? " (target)" : ""), c.Type, ChartNumber.Percent(c.MissingShare), ChartNumber.Format(c.Distinct), F(c.Mean), F(c.Std), c.Type == "date" ? c.First ?? "" : F(c.Min), c.Type == "date" ? c.Last ?? "" : F(c.Max)])])
                { NumericColumns = new HashSet<int> { 2, 3, 4, 5, 6, 7 } },
            ]),
            new("warnings", $"Warnings ({report.Warnings.Count})",
                report.Warnings.Count == 0
                    ? [new ParagraphBlock("No warnings.")]
                    : [new TableBlock(["column", "warning", "detail"], [.. report.Warnings.Select(w => (IReadOnlyList<string>)[w.Column, w.Kind, w.Message])])]),
            new("columns", "Columns", [new ParagraphBlock($"Outliers by the IQR rule with factor {ChartNumber.Format(report.Options.IqrFactor)}; quantiles by linear interpolation; std with ddof 1; skewness adjusted (as pandas).")]),
        };
        foreach (var c in report.Columns)
        {
            sections.Add(new ReportSection("col-" + Slug(c.Name), $"{c.Name} ({c.Type}{(c.IsTarget ? ", target" : "")})", ColumnBlocks(c, report.Options), 3));
        }

        var pairs = new List<ReportBlock>();
        foreach (var matrix in report.Associations.Where(a => a.Columns.Count > 1))
        {
            var title = matrix.Method switch
            {
                "pearson" => "Pearson correlation",
                "spearman" => "Spearman rank correlation",
                _ => "Association: Cramer's V (categorical pairs), correlation ratio (categorical x numeric), |Spearman| (numeric pairs)",
            };
            pairs.Add(new ChartBlock("heatmap-" + matrix.Method, title,
                HeatMapChart.Render(matrix.Columns, matrix.Columns, [.. matrix.Values.Select(v => v ?? double.NaN)], title, signed: matrix.Method != "association")));
        }

        sections.Add(new ReportSection("pairs", "Correlations and associations", pairs.Count == 0 ? [new ParagraphBlock("Fewer than two columns to compare.")] : pairs));
        if (report.Target is { } target && report.TargetRelations.Count > 0)
        {
            var what = report.Task == "regression" ? $"mean {target}" : $"share of {target} = {report.PositiveClass}";
            var blocks = new List<ReportBlock>();
            foreach (var r in report.TargetRelations)
            {
                var name = "target-" + Slug(r.Feature);
                if (r.Kind == "scatter")
                {
                    var title = $"{target} against {r.Feature}";
                    blocks.Add(new ChartBlock(name, title, ScatterChart.Render(r.SampleX!, r.SampleY!, new ChartOptions { Title = title, XLabel = r.Feature, YLabel = target })));
                }
                else if (r.Groups.Count > 0)
                {
                    var title = $"{Capital(what)} by {r.Feature}";
                    blocks.Add(new ChartBlock(name, title, BarChart.Render(r.Groups, r.GroupMeans, new ChartOptions { Title = title, XLabel = what, YLabel = "" })));
                }
            }

            sections.Add(new ReportSection("target", $"Features against {target}", blocks));
        }

        foreach (var d in report.Dates)
        {
            var blocks = new List<ReportBlock>();
            var slug = Slug(d.Column);
            var x = d.Months.Select(p => (double)p.UnixSeconds).ToArray();
            blocks.Add(new ChartBlock($"date-{slug}-rows-month", $"Rows per month of {d.Column}",
                LineChart.Render([new LineSeries("rows", x, [.. d.Months.Select(p => (double)p.Rows)])], new ChartOptions { Title = $"Rows per month of {d.Column}", YLabel = "rows" }, AxisScale.Time)));
            if (report.Target is { } t && d.Months.Any(p => p.TargetMean is not null))
            {
                var total = report.Task == "regression" ? $"Total {t}" : $"Rows with {t} = {report.PositiveClass}";
                blocks.Add(new ChartBlock($"date-{slug}-total-month", $"{total} per month",
                    LineChart.Render([new LineSeries(total, x, [.. d.Months.Select(p => p.TargetTotal ?? double.NaN)])], new ChartOptions { Title = $"{total} per month of {d.Column}", YLabel = t }, AxisScale.Time)));
                var mean = report.Task == "regression" ? $"Mean {t}" : $"Share of {t} = {report.PositiveClass}";
                blocks.Add(new ChartBlock($"date-{slug}-mean-month", $"{mean} per month, 95% interval",
                    LineChart.Render([new LineSeries(mean, x, [.. d.Months.Select(p => p.TargetMean ?? double.NaN)])
                    {
                        Lower = [.. d.Months.Select(p => p.MeanLow ?? double.NaN)],
                        Upper = [.. d.Months.Select(p => p.MeanHigh ?? double.NaN)],
                    }], new ChartOptions { Title = $"{mean} per month of {d.Column} (band: 95% interval of the mean)", YLabel = t }, AxisScale.Time)));
                blocks.Add(new ChartBlock($"date-{slug}-total-quarter", $"{total} per quarter",
                    BarChart.Render([.. d.Quarters.Select(q => q.Period)], [.. d.Quarters.Select(q => q.TargetTotal ?? double.NaN)], new ChartOptions { Title = $"{total} per quarter of {d.Column}", XLabel = t })));
            }

            blocks.Add(new TableBlock(["quarter", "rows", "target total", "target mean"],
                [.. d.Quarters.Select(q => (IReadOnlyList<string>)[q.Period, ChartNumber.Format(q.Rows), F(q.TargetTotal), F(q.TargetMean)])])
            { NumericColumns = new HashSet<int> { 1, 2, 3 } });
            sections.Add(new ReportSection("date-" + slug, $"{d.Column} over time", blocks));
        }

        return new ReportDocument($"EDA: {m.Dataset} v{m.DatasetVersion}", $"{ChartNumber.Format(m.Rows)} rows x {ChartNumber.Format(m.Columns)} columns · report {m.ReportId} · {m.CreatedAt.ToString("u", CultureInfo.InvariantCulture)}", sections);
    }

    private static List<ReportBlock> ColumnBlocks(ColumnProfile c, EdaOptions options)
    {
        var stats = new List<IReadOnlyList<string>>
        {
            new[] { "present", ChartNumber.Format(c.Count) },
            new[] { "missing", $"{ChartNumber.Format(c.Missing)} ({ChartNumber.Percent(c.MissingShare)})" },
            new[] { "distinct", ChartNumber.Format(c.Distinct) },
        };
        if (c.Type == "numeric" && c.Count > 0)
        {
            stats.Add(["zeros", ChartNumber.Format(c.Zeros ?? 0)]);
            stats.Add(["mean", F(c.Mean)]);
            stats.Add(["std", F(c.Std)]);
            stats.Add(["skewness", F(c.Skewness)]);
            stats.Add(["min", F(c.Min)]);
            foreach (var (k, v) in c.Quantiles!)
            {
                stats.Add([k, F(v)]);
            }

            stats.Add(["max", F(c.Max)]);
            var o = c.Outliers!;
            stats.Add(["IQR outliers", $"{ChartNumber.Format(o.Below + o.Above)} ({ChartNumber.Percent(o.Share)}) outside [{ChartNumber.Format(o.Low)}, {ChartNumber.Format(o.High)}]"]);
        }
        else if (c.Type == "categorical" && c.Imbalance is { } imbalance)
        {
            stats.Add(["imbalance", F(imbalance)]);
        }
        else if (c.Type == "date")
        {
            stats.Add(["first", c.First ?? ""]);
            stats.Add(["last", c.Last ?? ""]);
        }

        var blocks = new List<ReportBlock> { new TableBlock(["statistic", "value"], stats) { NumericColumns = new HashSet<int> { 1 } } };
        var slug = Slug(c.Name);
        if (c.Histogram is { } h)
        {
            blocks.Add(new ChartBlock("hist-" + slug, $"Histogram of {c.Name}", HistogramChart.Render(h.Edges, h.Counts, new ChartOptions { Title = $"Histogram of {c.Name}", XLabel = c.Name, YLabel = "rows" })));
        }
        else if (c.Type != "numeric" && c.TopValues.Count > 0)
        {
            var top = c.TopValues.Take(options.MaxBars).ToArray();
            blocks.Add(new ChartBlock("bar-" + slug, $"Most frequent values of {c.Name}",
                BarChart.Render([.. top.Select(t => t.Value)], [.. top.Select(t => (double)t.Count)], new ChartOptions { Title = $"Most frequent values of {c.Name}", XLabel = "rows" })));
        }

        if (c.TopValues.Count > 0)
        {
            blocks.Add(new TableBlock(["value", "rows", "share"], [.. c.TopValues.Select(t => (IReadOnlyList<string>)[t.Value, ChartNumber.Format(t.Count), ChartNumber.Percent(t.Share)])]) { NumericColumns = new HashSet<int> { 1, 2 } });
        }

        return blocks;
    }

    private static string F(double? value) => value is { } v ? ChartNumber.Format(v) : "";

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>A file- and anchor-safe name: lowercase letters, digits and dashes, plus a short hash when that changed the name.</summary>
    internal static string Slug(string name)
    {
        var sb = new StringBuilder();
        foreach (var ch in name.ToLowerInvariant())
        {
            sb.Append(char.IsAsciiLetterOrDigit(ch) ? ch : '-');
        }

        var slug = sb.ToString();
        return slug == name.ToLowerInvariant() && name.All(ch => !char.IsUpper(ch) || char.IsAscii(ch))
            ? slug
            : slug + "-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 2));
    }
}
