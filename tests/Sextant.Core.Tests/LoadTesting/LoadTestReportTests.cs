using Sextant.LoadTesting;

namespace Sextant.Core.Tests.LoadTesting;

public sealed class LoadTestReportTests
{
    private static readonly LoadTestReport s_previous = new()
    {
        Completed = 1000,
        Errors = 10,
        AchievedRate = 500,
        LatencyMs = new LatencySummary { Count = 990, P50 = 2, P90 = 4, P99 = 10, P999 = 20, Max = 40 },
    };

    [Fact]
    public void CompareWith_MarksLowerThroughputAndHigherLatencyAsWorse()
    {
        var current = s_previous with { AchievedRate = 400, Errors = 5, LatencyMs = s_previous.LatencyMs with { P50 = 1, P99 = 15 } };

        var changes = current.CompareWith(s_previous).ToDictionary(c => c.Metric);

        Assert.Equal(-20, changes["achieved_rate"].ChangePercent!.Value, 9);
        Assert.True(changes["achieved_rate"].Worse);
        Assert.Equal((1.0, 0.5), (changes["error_percent"].Previous, changes["error_percent"].Current));
        Assert.False(changes["error_percent"].Worse);
        Assert.False(changes["p50_ms"].Worse);
        Assert.True(changes["p99_ms"].Worse);
        Assert.Equal(50, changes["p99_ms"].ChangePercent!.Value, 9);
        Assert.False(changes["max_ms"].Worse);
        Assert.Equal(0, changes["max_ms"].ChangePercent);
    }

    [Fact]
    public void CompareWith_FromZero_HasNoPercentage()
    {
        var clean = s_previous with { Errors = 0 };

        var change = (s_previous with { Errors = 3 }).CompareWith(clean).Single(c => c.Metric == "error_percent");

        Assert.Null(change.ChangePercent);
        Assert.True(change.Worse);
    }

    [Fact]
    public void Markdown_ShowsCountsPercentilesErrorsAndTheComparison()
    {
        var report = s_previous with
        {
            Url = "http://127.0.0.1:5080/",
            Concurrency = 8,
            ErrorsByStatus = new Dictionary<string, long> { ["400"] = 7 },
            ErrorsByKind = new Dictionary<string, long> { ["timeout"] = 3 },
        };
        report = report with { Comparison = report.CompareWith(s_previous) };

        var markdown = LoadTestMarkdown.Render(report);

        Assert.Contains("closed model: 8 clients", markdown, StringComparison.Ordinal);
        Assert.Contains("| 1,000 | 0 | 10 | 500 | - | 0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 990 answers | 0 | 2 | 4 | 0 | 10 | 20 | 40 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| HTTP 400 | 7 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| timeout | 3 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| p99_ms | 10 | 10 | 0.0% |", markdown, StringComparison.Ordinal);
    }
}
