using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Sextant.Cli.Tests;

/// <summary><c>sextant eda</c> on the sales example: stored report, stable id, list, self-contained HTML opened from file:// in chromium, bad version.</summary>
public sealed class EdaCliTests : IDisposable
{
    private readonly TempFolder _folder = new("sextant-eda");

    private string Project => _folder.Combine("sales");

    public void Dispose() => _folder.Dispose();

    private async Task IngestAsync()
    {
        (await Cli.RunAsync("init", Project, "--example", "sales")).ShouldExit(0);
        (await Cli.RunAsync("ingest", "-p", Project)).ShouldExit(0);
    }

    [Fact]
    public async Task Eda_OnSales_StoresHtmlMarkdownJson_WithStableIdAndList()
    {
        await IngestAsync();
        var first = (await Cli.RunAsync("eda", "-p", Project, "--format", "json", "-o", _folder.Combine("out"))).ShouldExit(0).Json();
        var second = (await Cli.RunAsync("eda", "-p", Project, "--format", "json")).ShouldExit(0).Json();
        var id = first.GetProperty("manifest").GetProperty("report_id").GetString()!;
        Assert.Equal(id, second.GetProperty("manifest").GetProperty("report_id").GetString());
        Assert.Equal(2812, first.GetProperty("manifest").GetProperty("rows").GetInt32());
        Assert.Matches("^[0-9a-f]{64}$", first.GetProperty("manifest").GetProperty("dataset_fingerprint").GetString()!);
        var folder = first.GetProperty("folder").GetString()!;
        Assert.Equal(Path.Combine(Project, ".sextant", "reports", id), folder);

        var html = await File.ReadAllTextAsync(Path.Combine(folder, "report.html"));
        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);
        Assert.True(Regex.Count(html, "<svg ") > 30, "a chart per column, heat maps, target and date charts");
        var markdown = await File.ReadAllTextAsync(Path.Combine(folder, "report.md"));
        foreach (Match link in Regex.Matches(markdown, @"\]\((charts/[^)]+\.svg)\)"))
        {
            Assert.True(File.Exists(Path.Combine(folder, link.Groups[1].Value)), link.Groups[1].Value);
        }

        Assert.Contains("charts/heatmap-pearson.svg", markdown, StringComparison.Ordinal);
        Assert.True(File.Exists(_folder.Combine("out", "report.html")));
        var json = await File.ReadAllTextAsync(Path.Combine(folder, "report.json"));
        Assert.Contains("\"method\": \"spearman\"", json, StringComparison.Ordinal);
        Assert.Contains("\"ORDERDATE\"", json, StringComparison.Ordinal);
        // The IQR rule of sextant.yaml (cleaning.outliers.factor 3) is the one used.
        Assert.Contains("\"iqr_factor\": 3", json, StringComparison.Ordinal);

        var list = (await Cli.RunAsync("eda", "list", "-p", Project, "--format", "json")).ShouldExit(0).Json();
        var report = Assert.Single(list.GetProperty("reports").EnumerateArray());
        Assert.Equal(id, report.GetProperty("report_id").GetString());
    }

    [Fact]
    public async Task Eda_UnknownVersion_IsAClearError()
    {
        await IngestAsync();
        var result = (await Cli.RunAsync("eda", "-p", Project, "--version", "7")).ShouldExit(1);
        Assert.Contains("error: Dataset 'sales' has no version 7; versions: 1.", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        var json = (await Cli.RunAsync("eda", "-p", Project, "--version", "7", "--format", "json")).ShouldExit(1).Json();
        Assert.Contains("no version 7", json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eda_Html_RendersInChromiumFromFileUrl_WithTheNetworkOff()
    {
        await IngestAsync();
        var folder = (await Cli.RunAsync("eda", "-p", Project, "--format", "json")).ShouldExit(0).Json().GetProperty("folder").GetString()!;
        var start = new ProcessStartInfo("/usr/bin/chromium")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--proxy-server=127.0.0.1:9", "--user-data-dir=" + _folder.Combine("chromium"), "--dump-dom", new Uri(Path.Combine(folder, "report.html")).AbsoluteUri },
        };
        using var chromium = Process.Start(start)!;
        var dom = await chromium.StandardOutput.ReadToEndAsync();
        await chromium.WaitForExitAsync();
        // The DOM after parsing: inline SVG elements with their marks, as the browser built them.
        Assert.Contains("<h1>EDA: sales v1</h1>", dom, StringComparison.Ordinal);
        Assert.True(Regex.Count(dom, "<svg ") > 30);
        Assert.True(Regex.Count(dom, "class=\"mark\"") > 300);
    }
}
