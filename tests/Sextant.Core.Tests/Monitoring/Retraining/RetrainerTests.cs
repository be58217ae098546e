using System.Globalization;
using Sextant.Data.Ingest;
using Sextant.Examples;
using Sextant.Models;
using Sextant.Monitoring.Feedback;
using Sextant.Monitoring.Retraining;
using Sextant.Projects;
using Sextant.Registry;
using Sextant.Training;

namespace Sextant.Core.Tests.Monitoring.Retraining;

/// <summary>
/// Champion/challenger retraining on the sales example: the champion holding 'prod' was trained on the first 300 rows;
/// fresh data is the whole file. A challenger is trained, judged by the gate on the fresh data's held-out rows and
/// promoted, or kept when the gate asks for more than it gives; fresh data the champion already saw is skipped.
/// </summary>
public sealed class RetrainerTests : IAsyncLifetime
{
    private static readonly CandidateConfig[] s_gbm = [new() { Learner = "gbm" }];
    private readonly TempDirectory _dir = new();
    private string _small = "";

    public async Task InitializeAsync()
    {
        var example = ExampleProjects.Create("sales", rows: 2000);
        await (example with { Config = example.Config with { Training = example.Config.Training with { Candidates = s_gbm } } }).WriteToAsync(_dir.Path);
        await using var project = await SextantProject.OpenAsync(_dir.Path);
        var lines = await File.ReadAllLinesAsync(project.DataPath);
        _small = Path.Combine(_dir.Path, "first-300.csv");
        await File.WriteAllLinesAsync(_small, lines.Take(301));
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    // Opens the project with changed monitoring and promotion settings, and trains the champion on the small file.
    private async Task<SextantProject> OpenWithChampionAsync(RetrainConfig retrain, PromotionConfig? promotion = null)
    {
        var yaml = Path.Combine(_dir.Path, "sextant.yaml");
        var config = ProjectFile.Parse(await File.ReadAllTextAsync(yaml), yaml);
        config = config with { Monitoring = config.Monitoring with { Retrain = retrain }, Promotion = promotion ?? config.Promotion };
        await File.WriteAllTextAsync(yaml, ProjectWriter.ToYaml(config));
        var project = await SextantProject.OpenAsync(_dir.Path);
        await Ingestion.IngestAsync(project, _small);
        var champion = await Trainer.TrainAsync(project, new TrainOptions());
        await new ModelRegistry(project).PromoteAsync(champion.Version.Version, "prod", "test");
        return project;
    }

    [Fact]
    public async Task Retrain_OnTheWholeFile_TrainsAChallenger_AndTheGatePromotesIt_RecordingTheTrigger()
    {
        await using var project = await OpenWithChampionAsync(new RetrainConfig { MinNewRows = 1000 });

        var outcome = await Retrainer.RunAsync(project, new RetrainRequest { Trigger = "alert 7 (data_drift)", AlertId = 7 });

        Assert.Equal("promoted", outcome.Status);
        Assert.Equal((1, 2, 1, 2), (outcome.ChampionVersion, outcome.ChallengerVersion, outcome.ChampionDatasetVersion, outcome.DatasetVersion));
        // Cleaning (IQR outliers) keeps most of the 2,000 rows; all but the champion's own (at most 300) are new.
        var (_, fresh) = await project.Store.LoadDatasetAsync(project.Name, 2);
        Assert.Equal(fresh.RowCount, outcome.Rows);
        Assert.InRange(outcome.Rows, 1900, 2000);
        Assert.InRange(outcome.NewRows, outcome.Rows - 300, outcome.Rows - 1);
        Assert.True(outcome.ChallengerMetric < outcome.ChampionMetric, $"challenger rmse {outcome.ChallengerMetric} vs champion {outcome.ChampionMetric}");
        Assert.Equal(2, (await project.Metadata.GetAliasesAsync(project.Name))["prod"]);
        var decision = outcome.Decision!;
        Assert.True(decision.Promoted);
        Assert.Equal((2, (int?)1, "retrain"), (decision.CandidateVersion, decision.ChampionVersion, decision.Actor));
        Assert.Contains($"retrain (alert 7 (data_drift)): challenger trained on dataset v2 ({outcome.Rows:N0} rows, {outcome.NewRows:N0} new), champion v1 trained on dataset v1", decision.Reason, StringComparison.Ordinal);
        Assert.StartsWith("dataset v2", decision.EvaluatedOn, StringComparison.Ordinal);
        var run = await project.Metadata.GetRunAsync(outcome.RunId!);
        Assert.Equal(("alert 7 (data_drift)", "7", "1", "promoted"), (run!.Tags[Retrainer.TriggerTag], run.Tags[Retrainer.AlertTag], run.Tags[Retrainer.ChampionTag], run.Tags[Retrainer.StatusTag]));
        Assert.Equal(decision.Id.ToString(CultureInfo.InvariantCulture), run.Tags[Retrainer.DecisionTag]);
    }

    [Fact]
    public async Task Retrain_WhenTheGateAsksForMore_KeepsTheChampion_AndStoresTheRefusal()
    {
        await using var project = await OpenWithChampionAsync(new RetrainConfig { MinNewRows = 0 }, new PromotionConfig { MinRelativeImprovement = 0.95 });

        var outcome = await Retrainer.RunAsync(project, new RetrainRequest());

        Assert.Equal(("kept", 2), (outcome.Status, outcome.ChallengerVersion));
        Assert.Equal(1, (await project.Metadata.GetAliasesAsync(project.Name))["prod"]);
        Assert.False(outcome.Decision!.Promoted);
        Assert.Contains("Not promoted: failed primary_metric", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(2, (await project.Metadata.ListDecisionsAsync(project.Name)).Count);
    }

    [Fact]
    public async Task Retrain_OnDataTheChampionAlreadySaw_IsSkipped_AndTrainsNothing()
    {
        await using var project = await OpenWithChampionAsync(new RetrainConfig { File = "first-300.csv", MinNewRows = 1 });

        var outcome = await Retrainer.RunAsync(project, new RetrainRequest());

        Assert.Equal(("skipped", 0, (int?)null), (outcome.Status, outcome.NewRows, outcome.ChallengerVersion));
        Assert.Contains("has 0 row(s) the champion v1 was not trained on, fewer than monitoring.retrain.min_new_rows (1)", outcome.Reason, StringComparison.Ordinal);
        Assert.Single(await project.Metadata.ListVersionsAsync(project.Name));
    }

    [Fact]
    public async Task Retrain_FromFeedback_AppendsTheLabelledPredictionsToTheChampionsData()
    {
        await using var project = await OpenWithChampionAsync(new RetrainConfig { Source = "feedback", MinNewRows = 50 });
        var predictor = await ModelLoader.LoadAliasAsync(project, "prod");
        var (records, actuals) = await SalesTraffic.SampleAsync(project, 120, seed: 3, drifted: false);
        var logged = await SalesTraffic.LogAsync(project, predictor, records, DateTimeOffset.UtcNow);
        await FeedbackRecorder.RecordAsync(project, [.. logged.Select((r, i) => new FeedbackItem(r.RequestId, actuals[i].ToString("R", CultureInfo.InvariantCulture)))]);

        var outcome = await Retrainer.RunAsync(project, new RetrainRequest());

        // The champion's cleaned rows and the 120 labelled ones, cleaned again (repeated rows and outliers dropped).
        var (_, old) = await project.Store.LoadDatasetAsync(project.Name, 1);
        var (info, table) = await project.Store.LoadDatasetAsync(project.Name, outcome.DatasetVersion);
        Assert.Equal(table.RowCount, outcome.Rows);
        Assert.InRange(outcome.Rows, old.RowCount + 60, old.RowCount + 120);
        Assert.InRange(outcome.NewRows, 60, 120);
        Assert.StartsWith("feedback:", info.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrain_FromFeedback_WithoutLabels_SaysSo_AndChangesNothing()
    {
        await using var project = await OpenWithChampionAsync(new RetrainConfig { Source = "feedback" });

        var ex = await Assert.ThrowsAsync<SextantException>(() => Retrainer.RunAsync(project, new RetrainRequest()));

        Assert.Contains("no logged prediction has an actual value yet", ex.Message, StringComparison.Ordinal);
        Assert.Single(await project.Metadata.ListVersionsAsync(project.Name));
        Assert.Single(await project.Store.ListDatasetsAsync(project.Name));
    }
}
