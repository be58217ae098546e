using System.Globalization;
using System.Text;

namespace Sextant.Cli.Tests;

public sealed class EvaluateTests(SalesProjectFixture sales) : IClassFixture<SalesProjectFixture>
{
    [Fact]
    public async Task Evaluate_LabelledFile_PrintsRegressionMetricsOfTheRegisteredModel()
    {
        var data = Path.Combine(sales.Project, "data", "sales_data_sample.csv");
        var json = (await Cli.RunAsync("evaluate", "-p", sales.Project, "--file", data, "--format", "json")).ShouldExit(0).Json();
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        Assert.Equal(2823, json.GetProperty("rows").GetInt32());
        var metrics = json.GetProperty("metrics");
        Assert.True(metrics.GetProperty("r2").GetDouble() > 0.9);
        Assert.True(metrics.GetProperty("rmse").GetDouble() > 0);
        Assert.True(metrics.GetProperty("mae").GetDouble() <= metrics.GetProperty("rmse").GetDouble());
        // The model's p10/p90 interval: its coverage on these rows (mostly rows it trained on) is reported with its width.
        Assert.InRange(metrics.GetProperty("interval_coverage").GetDouble(), 0.7, 1.0);
        Assert.True(metrics.GetProperty("interval_width").GetDouble() > 0);
    }

    [Fact]
    public async Task Evaluate_RowBreakingADeclaredRule_IsListedAndLeftOutWhileTheOthersAreScored()
    {
        var data = Path.Combine(sales.Project, "data", "sales_data_sample.csv");
        var bad = Path.Combine(sales.Project, "bad.csv");
        // The same rows with one product line the schema's declared 'allowed' set does not hold.
        var lines = await BadLinesAsync(data);
        await File.WriteAllTextAsync(bad, string.Join('\n', lines), Encoding.UTF8);

        var json = (await Cli.RunAsync("evaluate", "-p", sales.Project, "--file", bad, "--format", "json")).ShouldExit(0).Json();
        Assert.Equal(2823, json.GetProperty("rows_read").GetInt32());
        Assert.Equal(1, json.GetProperty("refused_rows").GetInt32());
        Assert.Equal(2822, json.GetProperty("rows").GetInt32());
        var refused = json.GetProperty("refused").EnumerateArray().Single();
        Assert.Equal("PRODUCTLINE", refused.GetProperty("feature").GetString());
        Assert.Equal("allowed", refused.GetProperty("type").GetString());
        Assert.Equal(1, refused.GetProperty("row").GetInt32());
        Assert.True(json.GetProperty("metrics").GetProperty("r2").GetDouble() > 0.9);

        var text = (await Cli.RunAsync("evaluate", "-p", sales.Project, "--file", bad)).ShouldExit(0);
        Assert.Contains("1 of 2823 rows break a declared rule", text.Stderr, StringComparison.Ordinal);
        Assert.Contains("row 1: PRODUCTLINE (allowed)", text.Stderr, StringComparison.Ordinal);
        Assert.Contains("(1 refused)", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_FileWithoutAFeatureColumn_Exits1NamingIt()
    {
        var data = Path.Combine(sales.Project, "data", "sales_data_sample.csv");
        var bad = Path.Combine(sales.Project, "no-dealsize.csv");
        var table = Encoding.GetEncoding(850).GetString(await File.ReadAllBytesAsync(data)).Replace("DEALSIZE", "DEAL_SIZE", StringComparison.Ordinal);
        await File.WriteAllTextAsync(bad, table, Encoding.UTF8);
        var result = (await Cli.RunAsync("evaluate", "-p", sales.Project, "--file", bad)).ShouldExit(1);
        Assert.Contains("DEALSIZE", result.Stderr, StringComparison.Ordinal);
        _ = CultureInfo.InvariantCulture;
    }

    private static async Task<string[]> BadLinesAsync(string data)
    {
        var text = Encoding.GetEncoding(850).GetString(await File.ReadAllBytesAsync(data));
        var lines = text.Split('\n');
        lines[1] = lines[1].Replace("Motorcycles", "Boats", StringComparison.Ordinal).Replace("Classic Cars", "Boats", StringComparison.Ordinal)
            .Replace("Vintage Cars", "Boats", StringComparison.Ordinal).Replace("Trucks and Buses", "Boats", StringComparison.Ordinal)
            .Replace("Planes", "Boats", StringComparison.Ordinal).Replace("Ships", "Boats", StringComparison.Ordinal).Replace("Trains", "Boats", StringComparison.Ordinal);
        return lines;
    }
}
