using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Sextant.LoadTesting;

namespace Sextant.Cli.Tests.LoadTesting;

/// <summary>The load-test engine against small servers that misbehave on purpose.</summary>
public sealed class LoadTestRunnerTests
{
    private static readonly LoadTestBodies s_bodies = LoadTestBodies.FromRecords([new JsonObject { ["x"] = 1 }], "test");

    [Fact]
    public async Task OpenModel_ReportsAStallThatTheClosedModelHides()
    {
        // Every 2 s the server stops answering for 0.5 s (as a garbage collection or a lock would): a request that
        // arrives then waits until the pause ends. Each 3 s run overlaps at least one whole pause.
        var epoch = TimeProvider.System.GetTimestamp();
        await using var server = await StubServer.StartAsync(async context =>
        {
            var phase = TimeProvider.System.GetElapsedTime(epoch).TotalSeconds % 2.0;
            if (phase < 0.5)
            {
                await Task.Delay(TimeSpan.FromSeconds(0.5 - phase));
            }

            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        var url = new Uri(server.Url);

        var open = await LoadTestRunner.RunAsync(new LoadTestOptions { Url = url, Rate = 400, Duration = TimeSpan.FromSeconds(3), Warmup = TimeSpan.FromSeconds(0.5) }, s_bodies);
        var closed = await LoadTestRunner.RunAsync(new LoadTestOptions { Url = url, Concurrency = 4, Duration = TimeSpan.FromSeconds(3), Warmup = TimeSpan.FromSeconds(0.5) }, s_bodies);

        Assert.Equal(0, open.Errors + closed.Errors);
        // Open: every request due during a pause waits for its end, about a quarter of them.
        Assert.True(open.LatencyMs.P90 >= 100, $"open p90 {open.LatencyMs.P90} ms");
        Assert.True(open.LatencyMs.P99 >= 300, $"open p99 {open.LatencyMs.P99} ms");
        // Closed: its clients saw the pause (max) but stopped sending meanwhile, so it hides in the percentiles.
        Assert.True(closed.LatencyMs.Max >= 300, $"closed max {closed.LatencyMs.Max} ms");
        Assert.True(closed.LatencyMs.P99 < open.LatencyMs.P99 / 3, $"closed p99 {closed.LatencyMs.P99} ms vs open {open.LatencyMs.P99} ms");
    }

    [Fact]
    public async Task SlowAnswers_AreCountedAsTimeouts()
    {
        await using var server = await StubServer.StartAsync(async context => await Task.Delay(TimeSpan.FromSeconds(2), context.RequestAborted));

        var report = await LoadTestRunner.RunAsync(new LoadTestOptions { Url = new Uri(server.Url), Concurrency = 3, Duration = TimeSpan.FromMilliseconds(300), Timeout = TimeSpan.FromMilliseconds(200) }, s_bodies);

        Assert.True(report.Completed >= 3, System.Text.Json.JsonSerializer.Serialize(report));
        Assert.Equal(report.Completed, report.ErrorsByKind["timeout"]);
        Assert.Equal(0, report.LatencyMs.Count);
    }

    [Fact]
    public async Task OpenModel_ASlowServer_LeavesTheRestOfTheScheduleUnsentAfterTheDeadline()
    {
        await using var server = await StubServer.StartAsync(async context => await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted));

        var report = await LoadTestRunner.RunAsync(new LoadTestOptions { Url = new Uri(server.Url), Rate = 100, Connections = 2, Duration = TimeSpan.FromMilliseconds(500), Timeout = TimeSpan.FromMilliseconds(300) }, s_bodies);

        Assert.Equal(50, report.Scheduled);
        Assert.Equal(report.Scheduled, report.Completed + report.Unsent);
        Assert.True(report.Unsent > 0);
        Assert.Equal(report.Completed, report.ErrorsByKind["timeout"]);
    }
}
