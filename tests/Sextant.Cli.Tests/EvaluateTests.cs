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
    public async Task Evaluate_FileFailingTheSchema_Exits1NamingTheProblem()
    {
        var data = Path.Combine(sales.Project, "data", "sales_data_sample.csv");
        var bad = Path.Combine(sales.Project, "bad.csv");
        // The same rows with one product line the schema does not allow.
        var text = Encoding.GetEncoding(850).GetString(await File.ReadAllBytesAsync(data));
        var lines = text.Split('\n');
        lines[1] = lines[1].Replace("Motorcycles", "Boats", StringComparison.Ordinal).Replace("Classic Cars", "Boats", StringComparison.Ordinal)
            .Replace("Vintage Cars", "Boats", StringComparison.Ordinal).Replace("Trucks and Buses", "Boats", StringComparison.Ordinal)
            .Replace("Planes", "Boats", StringComparison.Ordinal).Replace("Ships", "Boats", StringComparison.Ordinal).Replace("Trains", "Boats", StringComparison.Ordinal);
        await File.WriteAllTextAsync(bad, string.Join('\n', lines), Encoding.UTF8);
        var result = (await Cli.RunAsync("evaluate", "-p", sales.Project, "--file", bad)).ShouldExit(1);
        Assert.Contains("PRODUCTLINE allowed x1", result.Stderr, StringComparison.Ordinal);
        _ = CultureInfo.InvariantCulture;
    }
}
