using System.Text.RegularExpressions;
using Sextant.Data;
using Sextant.Projects;
using Sextant.Reports.Eda;
using Sextant.Reports.Rendering;
using Sextant.Schema;

namespace Sextant.Core.Tests.Reports;

/// <summary>Numbers against pandas 1.5 / numpy / scipy 1.10 on a 10-row table (the script is in the comments of each constant's test).</summary>
public class EdaAnalyzerTests
{
    private static Table Small(bool withLeak = false)
    {
        double[] y = [2.5, 1.0, 4.0, 3.0, 6.0, 5.5, 9.0, 7.0, 8.0, 30.0];
        var columns = new List<Column>
        {
            new NumericColumn("x", [1, 2, 2, 3, 5, 8, 13, double.NaN, 21, 100]),
            new NumericColumn("y", y),
            new TextColumn("c", ["a", "b", "a", "c", "b", "a", "a", null, "c", "b"]),
            new TextColumn("d", ["b", "b", "a", "c", "b", "a", "a", "a", "c", "b"]),
            new DateColumn("when", [.. Enumerable.Range(0, 10).Select(i => (DateTime?)new DateTime(2024, 1 + (i % 4), 1 + i, 0, 0, 0, DateTimeKind.Unspecified))]),
        };
        if (withLeak)
        {
            columns.Add(new NumericColumn("leak", [.. y.Select(v => (2 * v) + 1)]));
        }

        return new Table(columns);
    }

    private static FeatureSchema Schema(bool withLeak = false) => new()
    {
        Task = ProjectTask.Regression,
        Target = "y",
        Features =
        [
            new FeatureDefinition { Name = "x" },
            new FeatureDefinition { Name = "c", Type = FeatureKind.Categorical },
            new FeatureDefinition { Name = "d", Type = FeatureKind.Categorical },
            .. withLeak ? new[] { new FeatureDefinition { Name = "leak" } } : [],
        ],
    };

    private static EdaReport Analyze(Table table, FeatureSchema? schema = null, EdaOptions? options = null) =>
        EdaAnalyzer.Analyze(table, new EdaInput { Dataset = "t", Version = 1, Fingerprint = DatasetFingerprint.Compute(table), Schema = schema ?? Schema() }, options ?? new EdaOptions { MaxDegreeOfParallelism = 2 });

    [Fact]
    public void NumericColumn_MatchesPandasAndNumpy()
    {
        var x = Analyze(Small()).Columns.Single(c => c.Name == "x");
        // df.x.mean(), df.x.std(), df.x.skew(); np.quantile(linear); np.histogram(bins=8)
        Assert.Equal(17.222222222222221, x.Mean!.Value, 12);
        Assert.Equal(31.716627255186584, x.Std!.Value, 12);
        Assert.Equal(2.7723756708144607, x.Skewness!.Value, 12);
        Assert.Equal([1.4, 2.0, 5.0, 13.0, 68.39999999999998], [.. x.Quantiles!.Values.Select(v => Math.Round(v, 10))], new ToleranceComparer(1e-9));
        Assert.Equal((9L, 1L, 8L), (x.Count, x.Missing, x.Distinct));
        Assert.Equal([7L, 1, 0, 0, 0, 0, 0, 1], x.Histogram!.Counts);
        Assert.Equal(13.375, x.Histogram.Edges[1], 12);
        Assert.Equal((-14.5, 29.5, 0L, 1L), (x.Outliers!.Low, x.Outliers.High, x.Outliers.Below, x.Outliers.Above));
        Assert.Equal("2", x.TopValues[0].Value);
        Assert.Equal(2, x.TopValues[0].Count);
    }

    [Fact]
    public void Pairs_MatchPandasAndScipy()
    {
        var report = Analyze(Small());
        var pearson = report.Associations.Single(a => a.Method == "pearson");
        var spearman = report.Associations.Single(a => a.Method == "spearman");
        int ix = pearson.Columns.ToList().IndexOf("x"), iy = pearson.Columns.ToList().IndexOf("y");
        // df.x.corr(df.y) and method='spearman' (pairwise complete rows: x has a NaN)
        Assert.Equal(0.98578143376194038, pearson[ix, iy]!.Value, 12);
        Assert.Equal(0.91214187554373816, spearman[ix, iy]!.Value, 12);
        var mixed = report.Associations.Single(a => a.Method == "association");
        var names = mixed.Columns.ToList();
        // scipy.stats.contingency.association(crosstab(c, d), method='cramer') on rows where c is present
        Assert.Equal(0.88388347648318444, mixed[names.IndexOf("c"), names.IndexOf("d")]!.Value, 12);
        // correlation ratio of y across c: sqrt(between SS / total SS)
        Assert.Equal(0.3995182887331637, mixed[names.IndexOf("c"), names.IndexOf("y")]!.Value, 12);
        Assert.Equal(mixed[names.IndexOf("y"), names.IndexOf("c")], mixed[names.IndexOf("c"), names.IndexOf("y")]);
    }

    [Fact]
    public void CompleteColumns_FastPathEqualsPairwisePath()
    {
        var random = new Random(3);
        var a = Enumerable.Range(0, 500).Select(_ => Math.Round(random.NextDouble() * 20)).ToArray();
        var b = a.Select(v => v + (random.NextDouble() * 5)).ToArray();
        var withGap = (double[])b.Clone();
        withGap[0] = double.NaN;
        var complete = Analyze(new Table([new NumericColumn("a", a), new NumericColumn("b", b)]), schema: null);
        var gap = Analyze(new Table([new NumericColumn("a", a[1..]), new NumericColumn("b", b[1..])]), schema: null);
        var viaMask = Analyze(new Table([new NumericColumn("a", a), new NumericColumn("b", withGap)]), schema: null);
        foreach (var method in new[] { "pearson", "spearman" })
        {
            var expected = gap.Associations.Single(m => m.Method == method)[0, 1]!.Value;
            Assert.Equal(expected, viaMask.Associations.Single(m => m.Method == method)[0, 1]!.Value, 12);
            Assert.NotEqual(expected, complete.Associations.Single(m => m.Method == method)[0, 1]!.Value, 12);
        }
    }

    [Fact]
    public void Warnings_IncludeLeakageGuardAndProfilerFindings()
    {
        var table = Small(withLeak: true);
        table = table.With(new NumericColumn("const", [.. Enumerable.Repeat(4.0, 10)])).Append(table.Take([0]).With(new NumericColumn("const", [4.0])));
        var report = Analyze(table, Schema(withLeak: true));
        Assert.Contains(report.Warnings, w => w is { Column: "leak", Kind: "leakage" });
        Assert.Contains(report.Warnings, w => w is { Column: "const", Kind: "constant" });
        Assert.Contains(report.Warnings, w => w is { Column: "x", Kind: "skewed" });
        Assert.Contains(report.Warnings, w => w.Kind == "duplicates" && w.Message.StartsWith("1 row", StringComparison.Ordinal));
        Assert.Equal(1, report.DuplicateRows);
        Assert.DoesNotContain(Analyze(Small()).Warnings, w => w.Kind is "leakage" or "duplicates" or "constant");
    }

    [Fact]
    public void Dates_ByMonthAndQuarter_CountAndTotalTheTarget()
    {
        var d = Assert.Single(Analyze(Small()).Dates);
        Assert.Equal(["2024-01", "2024-02", "2024-03", "2024-04"], d.Months.Select(m => m.Period));
        Assert.Equal([3L, 3, 2, 2], d.Months.Select(m => m.Rows));
        // rows 0, 4, 8 fall in January: 2.5 + 6 + 8
        Assert.Equal(16.5, d.Months[0].TargetTotal);
        Assert.Equal(["2024-Q1", "2024-Q2"], d.Quarters.Select(q => q.Period));
        // Q1 holds rows 0, 1, 2, 4, 5, 6, 8, 9
        Assert.Equal(2.5 + 1 + 4 + 6 + 5.5 + 9 + 8 + 30, d.Quarters[0].TargetTotal!.Value, 10);
        Assert.True(d.Months[0].MeanLow < d.Months[0].TargetMean && d.Months[0].TargetMean < d.Months[0].MeanHigh);
    }

    [Fact]
    public void ReportId_SameDataAndConfig_IsStable_AndChangesWithEither()
    {
        var a = Analyze(Small());
        var b = Analyze(Small(), options: new EdaOptions { MaxDegreeOfParallelism = 1 });
        Assert.Equal(a.Manifest.ReportId, b.Manifest.ReportId);
        Assert.Equal(ReportRenderer.ToMarkdown(EdaDocument.Build(a with { Manifest = b.Manifest })).Files, ReportRenderer.ToMarkdown(EdaDocument.Build(b)).Files);
        Assert.NotEqual(a.Manifest.ReportId, Analyze(Small(), options: new EdaOptions { IqrFactor = 3 }).Manifest.ReportId);
        Assert.NotEqual(a.Manifest.ReportId, Analyze(Small().Take([0, 1, 2, 3, 4])).Manifest.ReportId);
    }

    [Fact]
    public void Html_IsSelfContained_WithChartMarks()
    {
        var html = ReportRenderer.ToHtml(EdaDocument.Build(Analyze(Small())));
        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.True(Regex.Count(html, "<svg ") >= 8, "expected histograms, bars, heat maps, target and date charts");
        Assert.True(Regex.Count(html, "class=\"mark\"") > 20);
        Assert.Contains("<title id=", html, StringComparison.Ordinal);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
