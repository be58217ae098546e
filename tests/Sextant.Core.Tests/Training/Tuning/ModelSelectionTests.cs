using Sextant.Data.Ingest;
using Sextant.Examples;
using Sextant.Models;
using Sextant.Projects;
using Sextant.Training;
using Sextant.Training.Tuning;
using Xunit.Abstractions;

namespace Sextant.Core.Tests.Training.Tuning;

public class ModelSelectionTests(ITestOutputHelper output)
{
    // A small, quick search around the boosting defaults (learning rate 0.1, 31 leaves, 20 rows per leaf).
    private static readonly Dictionary<string, IReadOnlyList<string>> s_gbmSearch = new(StringComparer.Ordinal)
    {
        ["learning_rate"] = ["0.03", "0.3", "log"],
        ["max_leaves"] = ["7", "63", "int"],
        ["min_samples_leaf"] = ["5", "40", "int"],
    };

    private static ProjectConfig Tunable(ProjectConfig c, int trials = 6, SearchMethod method = SearchMethod.Random, CrossValidationConfig? cv = null) => c with
    {
        Training = c.Training with
        {
            Cv = cv,
            Search = new SearchConfig { Trials = trials, Seed = 1, Method = method },
            Candidates = [new CandidateConfig { Learner = "ridge" }, new CandidateConfig { Learner = "gbm", Rounds = 300, Search = s_gbmSearch }],
        },
    };

    private static async Task<SextantProject> CreateAsync(TempDirectory dir, string example, int rows, Func<ProjectConfig, ProjectConfig> edit)
    {
        var project = ExampleProjects.Create(example, rows);
        await (project with { Config = edit(project.Config) }).WriteToAsync(dir.Path);
        var opened = await SextantProject.OpenAsync(dir.Path);
        await Ingestion.IngestAsync(opened);
        return opened;
    }

    [Fact]
    public void Sample_SameSeedDrawsTheSameTrials_OtherSeedOthers()
    {
        var config = Tunable(ExampleProjects.Create("sales", 20).Config, trials: 5);
        var names = TrialSampler.Sample(config.Training.Candidates[1], 1, config).Select(t => t.Name).ToList();
        Assert.Equal(names, TrialSampler.Sample(config.Training.Candidates[1], 1, config).Select(t => t.Name));
        Assert.Equal(5, names.Distinct().Count());
        Assert.StartsWith("gbm#1(learning_rate=", names[0], StringComparison.Ordinal);

        var other = config with { Training = config.Training with { Search = config.Training.Search with { Seed = 2 } } };
        Assert.NotEqual(names, TrialSampler.Sample(other.Training.Candidates[1], 1, other).Select(t => t.Name));
        var trial = TrialSampler.Sample(config.Training.Candidates[1], 1, config)[3];
        Assert.Equal(300, trial.Boosting!.Rounds);
        Assert.Equal(trial.Sampled!["learning_rate"], trial.Boosting.LearningRate);
        Assert.Equal(trial.Sampled["max_leaves"], trial.Boosting.MaxLeaves);
    }

    [Theory]
    [InlineData(1, new[] { 1.0 })]
    [InlineData(3, new[] { 1.0 })]
    [InlineData(4, new[] { 1 / 3.0, 1.0 })]
    [InlineData(9, new[] { 1 / 3.0, 1.0 })]
    [InlineData(20, new[] { 1 / 9.0, 1 / 3.0, 1.0 })]
    public void Halving_Budgets_TripleUntilEveryRowIsUsed(int trials, double[] budgets)
    {
        var actual = SuccessiveHalving.Budgets(trials);
        Assert.Equal(budgets.Length, actual.Length);
        Assert.All(budgets.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, 12));
        Assert.Equal(7, SuccessiveHalving.Survivors(20));
    }

    [Fact]
    public async Task Train_TunedSearch_SameSeedGivesTheSameTrialsAndWinner_AndRecordsItsOptions()
    {
        using var dir = new TempDirectory();
        await using var project = await CreateAsync(dir, "sales", 900, c => Tunable(c, trials: 4));
        var first = await Trainer.TrainAsync(project, new TrainOptions { Selection = CandidateSelection.Tuned });
        var second = await Trainer.TrainAsync(project, new TrainOptions { Selection = CandidateSelection.Tuned });

        Assert.Equal(4, first.Artifact.Leaderboard.Count);
        Assert.All(first.Artifact.Leaderboard, e => Assert.StartsWith("gbm#", e.Candidate, StringComparison.Ordinal));
        Assert.Equal(first.Artifact.Leaderboard.Select(e => (e.Candidate, e.Metrics["rmse"], e.Selected)), second.Artifact.Leaderboard.Select(e => (e.Candidate, e.Metrics["rmse"], e.Selected)));
        Assert.Equal(first.Artifact.Candidate, second.Artifact.Candidate);
        Assert.Equal(first.Artifact.Metrics["rmse"], second.Artifact.Metrics["rmse"]);

        var run = await project.Metadata.GetRunAsync(first.Run!.Id);
        var winner = Assert.Single(first.Artifact.Leaderboard, e => e.Selected);
        Assert.Equal(winner.Candidate, run!.Params["selected"]);
        Assert.Equal("tuned", run.Params["selection"]);
        Assert.Equal("4", run.Params["search.trials"]);
        Assert.Contains($"learning_rate={run.Params["learning_rate"]}", run.Params["selected.options"], StringComparison.Ordinal);
        Assert.Contains(run.Params["selected.options"], winner.Candidate, StringComparison.Ordinal);
        Assert.Equal(first.Artifact.Leaderboard.Min(e => e.Metrics["rmse"]), winner.Metrics["rmse"]);
    }

    [Fact]
    public async Task Train_TrialsOverride_RunsThatManyTrialsAndRecordsIt()
    {
        using var dir = new TempDirectory();
        await using var project = await CreateAsync(dir, "sales", 900, c => Tunable(c, trials: 4));

        var result = await Trainer.TrainAsync(project, new TrainOptions { Selection = CandidateSelection.Tuned, Trials = 2 });
        var ex = await Assert.ThrowsAsync<SextantException>(() => Trainer.TrainAsync(project, new TrainOptions { Selection = CandidateSelection.Tuned, Trials = 0 }));

        Assert.Equal(2, result.Artifact.Leaderboard.Count);
        var run = await project.Metadata.GetRunAsync(result.Run!.Id);
        Assert.Equal("2", run!.Params["search.trials"]);
        Assert.Contains("--trials must be at least 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_Sales_TunedPicksATrialAtLeastAsGoodAsTheBaselineOnValidation()
    {
        // The whole sales example (2,823 rows): on 900 rows the linear baseline wins and boosting has little to tune.
        using var dir = new TempDirectory();
        await using var project = await CreateAsync(dir, "sales", 2823, c => Tunable(c, trials: 6));
        var baseline = await Trainer.TrainAsync(project, new TrainOptions());
        var tuned = await Trainer.TrainAsync(project, new TrainOptions { Selection = CandidateSelection.Tuned });

        var baselineBest = Assert.Single(baseline.Artifact.Leaderboard, e => e.Selected);
        var tunedBest = Assert.Single(tuned.Artifact.Leaderboard, e => e.Selected);
        foreach (var entry in baseline.Artifact.Leaderboard.Concat(tuned.Artifact.Leaderboard))
        {
            output.WriteLine($"{entry.Candidate}: validation rmse {entry.Metrics["rmse"]:F2}{(entry.Selected ? " (selected)" : "")}");
        }

        output.WriteLine($"test rmse: baseline {baseline.Artifact.Metrics["rmse"]:F2}, tuned {tuned.Artifact.Metrics["rmse"]:F2}");
        Assert.Equal(["ridge(l2=1)", "gbm(rounds=300)"], baseline.Artifact.Leaderboard.Select(e => e.Candidate));
        Assert.StartsWith("gbm#", tunedBest.Candidate, StringComparison.Ordinal);
        Assert.True(tunedBest.Metrics["rmse"] <= baselineBest.Metrics["rmse"], $"tuned {tunedBest.Metrics["rmse"]} vs baseline {baselineBest.Metrics["rmse"]}");
    }

    [Fact]
    public async Task Train_Both_ComparesDeclaredCandidatesAndTrialsTogether()
    {
        using var dir = new TempDirectory();
        await using var project = await CreateAsync(dir, "sales", 900, c => Tunable(c, trials: 3));
        var result = await Trainer.TrainAsync(project, new TrainOptions { Selection = CandidateSelection.Both });

        var board = result.Artifact.Leaderboard;
        Assert.Equal(["ridge(l2=1)", "gbm(rounds=300)", "gbm#1", "gbm#2", "gbm#3"], board.Select(e => e.Candidate.StartsWith("gbm#", StringComparison.Ordinal) ? e.Candidate.Split('(')[0] : e.Candidate));
        var best = board.MinBy(e => e.Metrics["rmse"])!;
        Assert.True(best.Selected);
        Assert.Equal(best.Candidate, result.Artifact.Candidate);
    }

    [Fact]
    public async Task Train_ElasticNetSearch_DrawsAlphaAndL1RatioWithinTheirRanges()
    {
        using var dir = new TempDirectory();
        await using var project = await CreateAsync(dir, "sales", 300, c => c with
        {
            Training = c.Training with
            {
                Search = new SearchConfig { Trials = 4, Seed = 3 },
                Candidates = [new CandidateConfig { Learner = "elastic_net", Search = new Dictionary<string, IReadOnlyList<string>> { ["alpha"] = ["0.01", "10", "log"], ["l1_ratio"] = ["0.1", "0.9"] } }],
            },
        });
        var result = await Trainer.TrainAsync(project, new TrainOptions { Selection = CandidateSelection.Tuned });

        Assert.Equal(4, result.Artifact.Leaderboard.Count);
        Assert.All(result.Artifact.Leaderboard, e => Assert.Matches(@"^elastic_net#\d\(alpha=[0-9.]+, l1_ratio=0\.[1-9][0-9]*\)$", e.Candidate));
        var run = await project.Metadata.GetRunAsync(result.Run!.Id);
        Assert.InRange(double.Parse(run!.Params["alpha"], System.Globalization.CultureInfo.InvariantCulture), 0.01, 10);
        Assert.InRange(double.Parse(run.Params["l1_ratio"], System.Globalization.CultureInfo.InvariantCulture), 0.1, 0.9);
    }

    [Theory]
    [InlineData(CandidateSelection.Tuned)]
    [InlineData(CandidateSelection.Both)]
    public async Task Train_TunedWithoutSearchRanges_IsRefusedClearlyBeforeAnyFit(CandidateSelection selection)
    {
        using var dir = new TempDirectory();
        await using var project = await CreateAsync(dir, "sales", 300, c => c);
        var steps = new List<string>();
        var ex = await Assert.ThrowsAsync<SextantException>(() => Trainer.TrainAsync(
            project, new TrainOptions { Selection = selection, Progress = new SynchronousProgress<string>(steps.Add) }));
        Assert.Contains("needs a candidate with search ranges", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(steps, s => s.StartsWith("trying", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Train_Halving_ListsEveryTrialAndSelectsOneScoredOnEveryRow()
    {
        using var dir = new TempDirectory();
        await using var project = await CreateAsync(dir, "sales", 900, c => Tunable(c, trials: 5, method: SearchMethod.Halving));
        var result = await Trainer.TrainAsync(project, new TrainOptions { Selection = CandidateSelection.Tuned });

        var board = result.Artifact.Leaderboard;
        Assert.Equal(5, board.Count);
        var stopped = board.Where(e => e.Candidate.Contains("[halving: stopped at", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, stopped.Count);
        var winner = Assert.Single(board, e => e.Selected);
        Assert.DoesNotContain(winner, stopped);
        Assert.Equal(board.Except(stopped).Min(e => e.Metrics["rmse"]), winner.Metrics["rmse"]);

        // The same facts as fields, for scripts reading the leaderboard (also from the stored artifact).
        var stored = (await ModelLoader.LoadAsync(project)).Artifact.Leaderboard;
        Assert.All(stopped, e => Assert.InRange(Assert.Single(stored, s => s.Candidate == e.Candidate).RowBudget, 0.01, 0.99));
        Assert.Equal(1, Assert.Single(stored, e => e.Selected).RowBudget);
        Assert.All(stored, e => Assert.Contains("learning_rate", e.Sampled!.Keys));
        Assert.All(stored, e => Assert.Null(e.Folds));
    }

    [Fact]
    public async Task Train_WithCv_LeaderboardShowsFoldMeanAndStdAndSelectsByTheMean()
    {
        using var dir = new TempDirectory();
        await using var project = await CreateAsync(dir, "sales", 900, c => Tunable(c, cv: new CrossValidationConfig { Folds = 3 }));
        var result = await Trainer.TrainAsync(project, new TrainOptions());

        var board = result.Artifact.Leaderboard;
        Assert.All(board, e => Assert.True(e.Metrics["rmse_std"] > 0, $"{e.Candidate}: std {e.Metrics["rmse_std"]}"));
        Assert.All(board, e => Assert.Equal((3, 1.0), (e.Folds, e.RowBudget)));
        Assert.All(board, e => Assert.Null(e.Sampled));
        Assert.Equal(board.Min(e => e.Metrics["rmse"]), Assert.Single(board, e => e.Selected).Metrics["rmse"]);
        Assert.False(result.Artifact.Metrics.ContainsKey("rmse_std"));
        Assert.Equal(0.8, result.Artifact.Interval!.Coverage);
        var run = await project.Metadata.GetRunAsync(result.Run!.Id);
        Assert.Equal("3", run!.Params["cv.folds"]);
    }

    [Fact]
    public async Task Train_WithCvAndCqrIntervals_CalibratesOnTheHeldOutTrainingRows()
    {
        using var dir = new TempDirectory();
        await using var project = await CreateAsync(dir, "sales", 900, c => c with
        {
            Training = c.Training with { Cv = new CrossValidationConfig { Folds = 3 }, IntervalMethod = "cqr", Candidates = [new CandidateConfig { Learner = "ridge" }] },
        });
        var result = await Trainer.TrainAsync(project, new TrainOptions());

        var interval = result.Artifact.Interval!;
        Assert.True(interval.IsAdaptive);
        Assert.Equal(Math.Round((result.Artifact.TrainRows + interval.CalibrationRows) * 0.2), interval.CalibrationRows);
        Assert.InRange(interval.TestCoverage!.Value, 0.65, 0.95);
    }

    [Fact]
    public async Task Train_WithCvAndTimeColumn_ScoresOnTimeOrderedFolds()
    {
        using var dir = new TempDirectory();
        await using var project = await CreateAsync(dir, "sales", 900, c => Tunable(c, cv: new CrossValidationConfig { Folds = 3 }) with
        {
            Split = c.Split with { TimeColumn = "ORDERDATE" },
        });
        var messages = new List<string>();
        var result = await Trainer.TrainAsync(project, new TrainOptions { Progress = new SynchronousProgress<string>(messages.Add) });

        Assert.Contains(messages, m => m.StartsWith("scoring candidates by 3-fold time-ordered cross-validation", StringComparison.Ordinal));
        Assert.All(result.Artifact.Leaderboard, e => Assert.True(e.Metrics.ContainsKey("rmse_std")));
    }

    [Fact]
    public async Task Train_ChurnWithCv_IsScoredByMeanRocAucAndCalibratesAndThresholdsOnTheHeldOutRows()
    {
        using var dir = new TempDirectory();
        await using var project = await CreateAsync(dir, "churn", 900, c => c with
        {
            Training = c.Training with
            {
                Cv = new CrossValidationConfig { Folds = 3 },
                Calibration = "platt",
                DecisionThreshold = "auto",
                Candidates = [new CandidateConfig { Learner = "logistic" }, new CandidateConfig { Learner = "logistic", L2 = 100 }],
            },
        });
        var result = await Trainer.TrainAsync(project, new TrainOptions());

        // Probabilities and the threshold are fitted on the held-out training rows, for which the winner is fitted again without them.
        Assert.NotNull(result.Artifact.Calibration);
        Assert.True(result.Artifact.Metrics.ContainsKey("log_loss_uncalibrated"));
        Assert.InRange(result.Artifact.Metrics["threshold"], 0.01, 0.99);

        var board = result.Artifact.Leaderboard;
        Assert.All(board, e => Assert.InRange(e.Metrics["roc_auc"], 0.5, 1.0));
        Assert.All(board, e => Assert.True(e.Metrics.ContainsKey("roc_auc_std")));
        Assert.Equal(board.Max(e => e.Metrics["roc_auc"]), Assert.Single(board, e => e.Selected).Metrics["roc_auc"]);
    }
}
