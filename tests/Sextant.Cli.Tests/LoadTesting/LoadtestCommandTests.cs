using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Sextant.Cli.Tests.LoadTesting;

/// <summary><c>sextant loadtest</c> against the real app serving the sales example on 127.0.0.1.</summary>
public sealed class LoadtestCommandTests(ServedSalesFixture served) : IClassFixture<ServedSalesFixture>, IDisposable
{
    private readonly TempFolder _folder = new("sextant-loadtest");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Loadtest_ClosedModel_EveryRequestIsCountedOnceAndMatchesTheServersCount()
    {
        var before = await served.CountAsync("/predict", 200);
        var report = (await Cli.RunAsync("loadtest", "--url", served.Url, "-c", "4", "-d", "1s", "--body-from", served.Project, "--format", "json")).ShouldExit(0).Json();

        var completed = report.GetProperty("completed").GetInt64();
        Assert.True(completed > 50, $"only {completed} requests in 1 s");
        // Fresh request ids: a reused one would be a 409. Sampled rows of the stored data are all valid: no 400.
        Assert.Equal(completed, report.GetProperty("ok").GetInt64());
        Assert.Equal(0, report.GetProperty("errors").GetInt64());
        Assert.Equal(completed, report.GetProperty("latency_ms").GetProperty("count").GetInt64());
        Assert.Equal(completed, await served.CountAsync("/predict", 200) - before);
        Assert.Equal("closed", report.GetProperty("model").GetString());
        var latency = report.GetProperty("latency_ms");
        Assert.True(latency.GetProperty("p50").GetDouble() <= latency.GetProperty("p99").GetDouble());
        Assert.True(latency.GetProperty("p99").GetDouble() <= latency.GetProperty("max").GetDouble());
    }

    [Fact]
    public async Task Loadtest_OpenModel_SendsTheScheduleAndAchievesTheRateWithinTenPercent()
    {
        var result = (await Cli.RunAsync("loadtest", "--url", served.Url, "--rate", "200", "-d", "2s", "--warmup", "1s", "--body-from", served.Project, "--format", "json")).ShouldExit(0);
        var report = result.Json();

        Assert.Equal(400, report.GetProperty("scheduled").GetInt64());
        Assert.Equal(400, report.GetProperty("completed").GetInt64());
        Assert.Equal(400, report.GetProperty("ok").GetInt64());
        var achieved = report.GetProperty("achieved_rate").GetDouble();
        Assert.InRange(achieved, 180, 220);
        Assert.Equal("intended send time", report.GetProperty("latency_from").GetString());
        // The progress line: readings of both phases on stderr.
        Assert.Contains("warmup", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("measure", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("batch", "/predict/batch")]
    [InlineData("invocations", "/invocations")]
    [InlineData("v2", "/v2/models/{name}/infer")]
    public async Task Loadtest_EachEndpoint_SendsBodiesTheServerAccepts(string endpoint, string route)
    {
        var before = await served.CountAsync(route, 200);
        var report = (await Cli.RunAsync("loadtest", "--url", served.Url, "--endpoint", endpoint, "-c", "2", "-d", "500ms", "--body-from", served.Project, "--format", "json")).ShouldExit(0).Json();

        var completed = report.GetProperty("completed").GetInt64();
        Assert.True(completed > 0);
        Assert.Equal(completed, report.GetProperty("ok").GetInt64());
        Assert.Equal(completed, await served.CountAsync(route, 200) - before);
    }

    [Fact]
    public async Task Loadtest_InvalidRecords_CountsEvery400ByStatus()
    {
        var file = _folder.Combine("bad.jsonl");
        await File.WriteAllLinesAsync(file, ["""{"QUANTITYORDERED":"many"}""", """{"PRICEEACH":-5}"""]);

        var report = (await Cli.RunAsync("loadtest", "--url", served.Url, "-c", "2", "-d", "500ms", "--body-from", file, "--format", "json")).ShouldExit(0).Json();

        var completed = report.GetProperty("completed").GetInt64();
        Assert.True(completed > 0);
        Assert.Equal(0, report.GetProperty("ok").GetInt64());
        Assert.Equal(completed, report.GetProperty("errors").GetInt64());
        Assert.Equal(completed, report.GetProperty("errors_by_status").GetProperty("400").GetInt64());
        Assert.Empty(report.GetProperty("errors_by_kind").EnumerateObject());
    }

    [Fact]
    public async Task Loadtest_ClosedPort_CountsRefusedConnectionsAndNoLatency()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var report = (await Cli.RunAsync("loadtest", "--url", $"http://127.0.0.1:{port}", "-c", "2", "-d", "300ms", "--body-from", served.Project, "--format", "json")).ShouldExit(0).Json();

        var completed = report.GetProperty("completed").GetInt64();
        Assert.True(completed > 0);
        Assert.Equal(completed, report.GetProperty("errors_by_kind").GetProperty("refused").GetInt64());
        Assert.Equal(0, report.GetProperty("ok").GetInt64());
        Assert.Equal(0, report.GetProperty("latency_ms").GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task Loadtest_Compare_WritesBothReportsAndEachFigureBesideThePrevious()
    {
        var first = _folder.Combine("first");
        (await Cli.RunAsync("loadtest", "--url", served.Url, "-c", "2", "-d", "300ms", "--body-from", served.Project, "-o", first)).ShouldExit(0);
        Assert.StartsWith("# Load test of", await File.ReadAllTextAsync(first + ".md"), StringComparison.Ordinal);

        var result = (await Cli.RunAsync("loadtest", "--url", served.Url, "-c", "2", "-d", "300ms", "--body-from", served.Project, "--compare", first + ".json", "-o", _folder.Combine("second.json"))).ShouldExit(0);

        using var previous = JsonDocument.Parse(await File.ReadAllTextAsync(first + ".json"));
        using var second = JsonDocument.Parse(await File.ReadAllTextAsync(_folder.Combine("second.json")));
        var rate = second.RootElement.GetProperty("comparison").EnumerateArray().Single(c => c.GetProperty("metric").GetString() == "achieved_rate");
        Assert.Equal(previous.RootElement.GetProperty("achieved_rate").GetDouble(), rate.GetProperty("previous").GetDouble());
        Assert.Equal(second.RootElement.GetProperty("achieved_rate").GetDouble(), rate.GetProperty("current").GetDouble());
        Assert.Contains("| p99_ms |", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(previous.RootElement.GetProperty("latency_ms").GetProperty("p99").GetDouble().ToString("0.###", CultureInfo.InvariantCulture), result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loadtest_RateAndConcurrencyTogether_IsRefused()
    {
        var result = await Cli.RunAsync("loadtest", "--url", served.Url, "--rate", "10", "-c", "2", "-d", "1s", "--body-from", served.Project);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not both", result.Stderr, StringComparison.Ordinal);
    }
}
