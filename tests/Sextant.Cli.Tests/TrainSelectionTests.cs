namespace Sextant.Cli.Tests;

/// <summary>'sextant train --selection': declared candidates, a search over their ranges, or both, through the command line.</summary>
public sealed class TrainSelectionTests : IDisposable
{
    private const string Candidates = """
          search: {trials: 3, seed: 1, method: random}
          candidates:
            - {learner: ridge}
            - {learner: gbm, rounds: 200, search: {learning_rate: [0.03, 0.3, log], max_leaves: [7, 63, int]}}

        """;

    private readonly TempFolder _folder = new("sextant-selection");

    public void Dispose() => _folder.Dispose();

    private async Task<string> InitSalesAsync(string candidates)
    {
        var project = _folder.Combine("sales");
        (await Cli.RunAsync("init", project, "--example", "sales", "--rows", "900")).ShouldExit(0);
        (await Cli.RunAsync("ingest", "-p", project)).ShouldExit(0);
        await ProjectFiles.EditConfigAsync(project, "  candidates: []\n", candidates.ReplaceLineEndings("\n"));
        return project;
    }

    [Fact]
    public async Task Train_SelectionBothInJson_LeaderboardListsDeclaredCandidatesAndEveryTrial()
    {
        var project = await InitSalesAsync(Candidates);

        var result = (await Cli.RunAsync("train", "-p", project, "--selection", "both", "--format", "json")).ShouldExit(0);

        var json = result.Json();
        var board = json.GetProperty("leaderboard").EnumerateArray().ToList();
        var names = board.Select(e => e.GetProperty("candidate").GetString()!).ToList();
        Assert.Equal(["ridge(l2=1)", "gbm(rounds=200)"], names.Take(2));
        Assert.Equal(3, names.Count(n => n.StartsWith("gbm#", StringComparison.Ordinal)));
        Assert.Matches(@"^gbm#1\(learning_rate=[0-9.]+, max_leaves=[0-9]+\)$", names[2]);
        Assert.All(board, e =>
        {
            Assert.True(e.GetProperty("metrics").GetProperty("rmse").GetDouble() > 0);
            Assert.True(e.GetProperty("fit_milliseconds").GetDouble() > 0);
            Assert.True(e.GetProperty("predict_microseconds_per_row").GetDouble() > 0);
        });
        var selected = Assert.Single(board, e => e.GetProperty("selected").GetBoolean());
        Assert.Equal(board.Min(e => e.GetProperty("metrics").GetProperty("rmse").GetDouble()), selected.GetProperty("metrics").GetProperty("rmse").GetDouble());
        Assert.Equal(json.GetProperty("learner").GetString(), selected.GetProperty("candidate").GetString());
        Assert.Contains("trial 3/3 gbm#3(", result.Stderr, StringComparison.Ordinal);

        var run = (await Cli.RunAsync("runs", "show", "-p", project, json.GetProperty("run_id").GetString()!, "--format", "json")).ShouldExit(0).Json();
        Assert.Equal("both", run.GetProperty("params").GetProperty("selection").GetString());
    }

    [Fact]
    public async Task Train_TrialsOption_OverridesTheConfiguredCountAndTheLeaderboardCarriesEachDraw()
    {
        var project = await InitSalesAsync(Candidates);

        var result = (await Cli.RunAsync("train", "-p", project, "--selection", "tuned", "--trials", "2", "--format", "json")).ShouldExit(0);
        var refused = (await Cli.RunAsync("train", "-p", project, "--selection", "tuned", "--trials", "0")).ShouldExit(1);

        var board = result.Json().GetProperty("leaderboard").EnumerateArray().ToList();
        Assert.Equal(2, board.Count);
        Assert.All(board, e =>
        {
            var sampled = e.GetProperty("sampled");
            Assert.True(sampled.GetProperty("learning_rate").GetDouble() is > 0.03 and < 0.3);
            Assert.Equal(1.0, e.GetProperty("row_budget").GetDouble());
        });
        Assert.Contains("--trials must be at least 1", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_BadSearchRange_Exits1NamingTheLine()
    {
        var project = await InitSalesAsync(Candidates.Replace("[7, 63, int]", "[63, 7, int]", StringComparison.Ordinal));
        var line = File.ReadAllLines(ProjectFiles.ConfigPath(project)).ToList().FindIndex(l => l.Contains("[63, 7, int]", StringComparison.Ordinal)) + 1;

        var result = (await Cli.RunAsync("train", "-p", project, "--selection", "tuned")).ShouldExit(1);

        Assert.Contains($"line {line}", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("min 63 is greater than max 7", result.Stderr, StringComparison.Ordinal);
    }
}
