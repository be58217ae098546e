using Sextant.Data.Ingest;
using Sextant.Examples;
using Sextant.Forecasting.Registry;
using Sextant.Projects;
using Sextant.Registry;

namespace Sextant.Core.Tests.Forecasting.Registry;

/// <summary>
/// Forecast versions of the produce example, rolled up to weekly mean prices per category (fast): trained and
/// registered with the holdout's accuracy as metrics, loaded back, refitted for serving, and governed: the gate
/// promotes a first version, refuses a worse method on the same held-out weeks, and rollback walks the history.
/// </summary>
public sealed class ForecastVersionsTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();

    public async Task InitializeAsync()
    {
        var example = ExampleProjects.Create("produce");
        await (example with { Config = example.Config with { Forecast = example.Config.Forecast! with { Frequency = "weekly", Horizon = 8, Holdout = 8, Method = "ets" } } }).WriteToAsync(_dir.Path);
        await using var project = await SextantProject.OpenAsync(_dir.Path);
        await Ingestion.IngestAsync(project);
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    private async Task<SextantProject> OpenAsync(string method)
    {
        var yaml = Path.Combine(_dir.Path, ProjectFile.FileName);
        var config = ProjectFile.Parse(await File.ReadAllTextAsync(yaml), yaml);
        await File.WriteAllTextAsync(yaml, ProjectWriter.ToYaml(config with { Forecast = config.Forecast! with { Method = method } }));
        return await SextantProject.OpenAsync(_dir.Path);
    }

    [Fact]
    public async Task Train_RegistersAVersionPerRun_WithHoldoutMetrics_AndTheArtifactServesEverySegment()
    {
        await using var project = await OpenAsync("ets");

        var (version, artifact, run) = await ForecastVersions.TrainAsync(project);

        Assert.Equal(("produce_forecast", 1, "forecast:ets"), (version.Name, version.Version, version.Learner));
        Assert.Equal(6, artifact.Segments.Count);
        Assert.All(artifact.Segments, s => Assert.Equal(("ets", 1), (s.Method, s.Key.Count)));
        // Weekly means over three years: about 156 weeks each, Monday-started, season 52.
        Assert.All(artifact.Segments, s => Assert.InRange(s.Values.Length, 150, 160));
        Assert.All(artifact.Segments, s => Assert.Equal(DayOfWeek.Monday, s.Start!.Value.DayOfWeek));
        Assert.All(artifact.Segments, s => Assert.Equal(52, s.SeasonLength));
        Assert.Equal(6, version.Metrics["scored_segments"]);
        Assert.InRange(version.Metrics["smape"], 0.1, 50);
        Assert.True(version.Metrics.ContainsKey("naive_smape") && version.Metrics.ContainsKey("coverage_80"));
        Assert.Equal(version.Metrics["smape"], artifact.Segments.Average(s => s.Holdout!.Smape), 9);
        Assert.Equal((Sextant.Tracking.RunStatus.Finished, 1), (run.Status, run.ModelVersion));

        var (loaded, back) = await ForecastVersions.LoadAsync(project, 1);
        Assert.Equal(version.ArtifactSha256, loaded.ArtifactSha256);
        var fruit = back.Find(new Dictionary<string, string> { ["category"] = back.Segments[0].Key["category"] })!;
        var forecast = ForecastVersions.Fit(back, fruit).Forecast(8, [80, 95]);
        Assert.Equal(8, forecast.Mean.Length);
        Assert.All(Enumerable.Range(0, 8), i => Assert.True(forecast.Bands[1].Lower[i] <= forecast.Bands[0].Lower[i] && forecast.Bands[0].Upper[i] <= forecast.Bands[1].Upper[i]));
        Assert.Null(back.Find(new Dictionary<string, string> { ["category"] = "Meteorites" }));
    }

    [Fact]
    public async Task Gate_PromotesTheFirst_RefusesAWorseMethodOnTheSameWeeks_AndRollbackWalksBack()
    {
        await using (var project = await OpenAsync("ets"))
        {
            await ForecastVersions.TrainAsync(project);
            var first = await new ModelRegistry(project, forecast: true).PromoteAsync(1, "prod", "test");
            Assert.NotNull(first.Event);
        }

        await using (var project = await OpenAsync("mean"))
        {
            await ForecastVersions.TrainAsync(project);
            var registry = new ModelRegistry(project, forecast: true);
            var refused = await registry.PromoteAsync(2, "prod", "test");

            Assert.Null(refused.Event);
            var primary = Assert.Single(refused.Decision.Criteria, c => c.Name == "primary_metric");
            Assert.False(primary.Passed);
            Assert.True(primary.Candidate > primary.Champion, primary.Detail);
            Assert.StartsWith("smape", primary.Detail, StringComparison.Ordinal);
            Assert.Contains("the last 8 periods of 6 segment(s)", refused.Decision.EvaluatedOn, StringComparison.Ordinal);
            Assert.True(Assert.Single(refused.Decision.Criteria, c => c.Name == "segments").Passed);
            Assert.Equal(1, (await project.Metadata.GetAliasesAsync("produce_forecast"))["prod"]);

            var forced = await registry.PromoteAsync(2, "prod", "test", force: true);
            Assert.NotNull(forced.Event);
            var back = await registry.RollbackAsync("prod", "test");
            Assert.Equal(1, back[^1].ToVersion);
            // The tabular model is untouched: forecast versions live under their own name.
            Assert.Empty(await project.Metadata.ListVersionsAsync("produce"));
        }
    }

    [Fact]
    public async Task Config_BadForecastBlock_ListsEveryProblem()
    {
        var yaml = Path.Combine(_dir.Path, ProjectFile.FileName);
        var text = (await File.ReadAllTextAsync(yaml)).Replace("frequency: \"weekly\"", "frequency: \"hourly\"", StringComparison.Ordinal)
            .Replace("method: \"ets\"", "method: \"prophet\"", StringComparison.Ordinal).Replace("horizon: 8", "horizon: 0", StringComparison.Ordinal);

        var ex = Assert.Throws<ConfigException>(() => ProjectFile.Parse(text, yaml));

        Assert.Contains(ex.Problems, p => p.Message.Contains("'forecast.frequency' must be one of daily, weekly, monthly, quarterly; found 'hourly'", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Message.Contains("'forecast.method'", StringComparison.Ordinal) && p.Message.Contains("prophet", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Message.Contains("'forecast.horizon' must be at least 1", StringComparison.Ordinal));
    }
}
