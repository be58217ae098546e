using System.Text.RegularExpressions;
using System.Xml.Linq;
using Sextant.Reports.Charts;

namespace Sextant.Core.Tests.Reports;

public class ChartTests
{
    private static readonly ChartOptions s_options = new() { Title = "Orders", XLabel = "amount", YLabel = "rows" };

    [Fact]
    public void Histogram_SameInput_SameBytes_AndOneMarkPerBin()
    {
        double[] edges = [0, 1000, 2000, 3000];
        long[] counts = [12_000, 3, 450];
        var a = HistogramChart.Render(edges, counts, s_options);
        Assert.Equal(a, HistogramChart.Render(edges, counts, s_options));
        Assert.Equal(3, Regex.Count(a, "<rect class=\"mark\""));
        Assert.Contains("12,000", a, StringComparison.Ordinal);
        var svg = XDocument.Parse(a).Root!;
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal("Orders", svg.Element(ns + "title")!.Value);
        Assert.Equal(svg.Attribute("aria-labelledby")!.Value, $"{svg.Element(ns + "title")!.Attribute("id")!.Value} {svg.Element(ns + "desc")!.Attribute("id")!.Value}");
        Assert.NotEqual(a, HistogramChart.Render(edges, [12_000, 4, 450], s_options));
    }

    [Fact]
    public void EveryChart_IsWellFormedSvg_WithMarks()
    {
        string[] charts =
        [
            BarChart.Render(["a", "b <&>"], [3, -2], s_options),
            LineChart.Render([new LineSeries("m", [0, 86400 * 40, 86400 * 100], [1, 2, double.NaN]) { Lower = [0, 1, 1], Upper = [2, 3, 3] }], s_options, AxisScale.Time),
            ScatterChart.Render([.. Enumerable.Range(0, 5000).Select(i => (double)i)], [.. Enumerable.Range(0, 5000).Select(i => i * 2.0)], s_options),
            HeatMapChart.Render(["x", "y"], ["x", "y"], [1, -0.5, -0.5, double.NaN], "r"),
        ];
        foreach (var chart in charts)
        {
            XDocument.Parse(chart);
            Assert.Matches("class=\"mark\"", chart);
        }

        Assert.Contains("class=\"band\"", charts[1], StringComparison.Ordinal);
        Assert.Equal(1_667, Regex.Count(charts[2], "<circle class=\"mark\"")); // every 3rd of 5,000: at most MaxPoints
        Assert.Contains("n/a", charts[3], StringComparison.Ordinal);
    }

    [Fact]
    public void GroupedBars_DrawABarPerSeriesAndLabel_WithALegend_AndOneSeriesIsThePlainBarChart()
    {
        string[] labels = ["<= 10", "(10, 20]", "> 20"];
        var grouped = BarChart.Render(labels, [new BarSeries("reference", [50, 30, 20]), new BarSeries("current", [10, 30, double.NaN])], s_options);
        XDocument.Parse(grouped);
        Assert.Equal(5, Regex.Count(grouped, "<rect class=\"mark\"")); // NaN draws no bar
        Assert.Contains("<title>(10, 20], current: 30</title>", grouped, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(grouped, "class=\"legend\""));
        Assert.Equal(BarChart.Render(labels, [1, 2, 3], s_options), BarChart.Render(labels, [new BarSeries("", [1, 2, 3])], s_options));
        Assert.DoesNotContain("class=\"legend\"", BarChart.Render(labels, [1, 2, 3], s_options), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => BarChart.Render(labels, [new BarSeries("short", [1, 2])], s_options));
    }

    [Theory]
    [InlineData(0, 1, false, new[] { 0.0, 1 })]
    [InlineData(0, 1, true, new[] { 0.0, 1, 2 })]
    [InlineData(1, 2, true, new[] { 0.0, 1, 2, 3 })]
    [InlineData(0, 13, true, new[] { 0.0, 5, 10, 15 })]
    [InlineData(0, 12, false, new[] { 0.0, 2, 4, 6, 8, 10, 12 })]
    [InlineData(-3, 4, false, new[] { -4.0, -2, 0, 2, 4 })]
    public void WholeNumbers_TicksOnlyAtWholeNumbers(double min, double max, bool pad, double[] expected) =>
        Assert.Equal(expected, NiceScale.Whole(min, max, 5, pad).Ticks());

    [Fact]
    public void WholeNumbers_LineChartOfCounts_HasNoFractionalTicks()
    {
        var counts = LineChart.Render([new LineSeries("errors", [0, 60, 120], [0, 1, 0])], s_options with { WholeNumbers = true });
        var plain = LineChart.Render([new LineSeries("errors", [0, 60, 120], [0, 1, 0])], s_options);
        Assert.Contains(">0.2</text>", plain, StringComparison.Ordinal);
        Assert.DoesNotContain(">0.2</text>", counts, StringComparison.Ordinal);
        Assert.Contains(">2</text>", counts, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1234567.0, "1,234,567")]
    [InlineData(12345.678, "12,346")]
    [InlineData(1234.5, "1,234.5")]
    [InlineData(0.012346, "0.01235")]
    [InlineData(-3.5, "-3.5")]
    [InlineData(double.NaN, "n/a")]
    public void ChartNumber_Format_HasThousandsSeparatorsAndSensibleDecimals(double value, string expected) =>
        Assert.Equal(expected, ChartNumber.Format(value));
}
