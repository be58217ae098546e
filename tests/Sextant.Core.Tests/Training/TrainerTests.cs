using System.Text.Json;
using Sextant.Data.Ingest;
using Sextant.Examples;
using Sextant.Models;
using Sextant.Projects;
using Sextant.Schema;
using Sextant.Tracking;
using Sextant.Training;

namespace Sextant.Core.Tests.Training;

public class TrainerTests
{
    private static async Task<SextantProject> CreateAsync(TempDirectory dir, string example, Func<ProjectConfig, ProjectConfig>? edit = null, int? rows = null)
    {
        var project = ExampleProjects.Create(example, rows);
        var config = edit is null ? project.Config : edit(project.Config);
        await (project with { Config = config }).WriteToAsync(dir.Path);
        return await SextantProject.OpenAsync(dir.Path);
    }

    [Fact]
    public async Task Train_Sales_RegistersVersionsAndSingleRowMatchesBatch()
    {
        using var dir = new TempDirectory();
        var project = await CreateAsync(dir, "sales");
        await Ingestion.IngestAsync(project);
        var first = await Trainer.TrainAsync(project, new TrainOptions());
        var second = await Trainer.TrainAsync(project, new TrainOptions());
        Assert.Equal((1, 2), (first.Version.Version, second.Version.Version));
        Assert.Equal(first.Artifact.Metrics["rmse"], second.Artifact.Metrics["rmse"]);
        Assert.True(first.Artifact.Metrics["r2"] > 0.9, $"r2 {first.Artifact.Metrics["r2"]}");
        Assert.Single(first.Artifact.Leaderboard, e => e.Selected);

        var predictor = await ModelLoader.LoadAsync(project);
        Assert.Equal(2, predictor.Version);
        var (_, table) = await project.Store.LoadDatasetAsync(project.Name);
        var batch = predictor.PredictTable(table);
        for (var r = 0; r < 20; r++)
        {
            var record = new Dictionary<string, object?>();
            foreach (var f in project.Schema.Features)
            {
                record[f.Name] = table[f.Name] is Sextant.Data.NumericColumn n ? n[r] : table[f.Name].FormatValue(r);
            }

            using var document = JsonDocument.Parse(JsonSerializer.Serialize(record));
            var (report, prediction) = predictor.Predict(document.RootElement);
            Assert.True(report.Passed);
            Assert.Equal(batch[r], prediction!.Value, 9);
        }
    }

    [Fact]
    public async Task Train_Churn_ClassifiesWithLabelsAndRocAuc()
    {
        using var dir = new TempDirectory();
        var project = await CreateAsync(dir, "churn", rows: 3000);
        await Ingestion.IngestAsync(project);
        var result = await Trainer.TrainAsync(project, new TrainOptions());
        Assert.InRange(result.Artifact.Metrics["roc_auc"], 0.7, 1.0);
        Assert.Equal(["Yes", "No"], result.Artifact.ClassLabels);
    }

    [Fact]
    public async Task Train_InvalidData_IsRefusedUnlessAllowed()
    {
        using var dir = new TempDirectory();
        var project = await CreateAsync(dir, "sales", c => c with
        {
            Features = [.. c.Features.Select(f => f.Name == "QUANTITYORDERED" ? f with { Max = 20 } : f)],
        });
        await Ingestion.IngestAsync(project);
        var ex = await Assert.ThrowsAsync<SextantException>(() => Trainer.TrainAsync(project, new TrainOptions()));
        Assert.Contains("QUANTITYORDERED", ex.Message, StringComparison.Ordinal);
        Assert.Contains("range", ex.Message, StringComparison.Ordinal);
        var forced = await Trainer.TrainAsync(project, new TrainOptions { AllowInvalid = true });
        Assert.False(forced.Artifact.ValidationPassed);
    }

    [Fact]
    public async Task Train_TargetAmongFeatures_IsRefused()
    {
        using var dir = new TempDirectory();
        var project = await CreateAsync(dir, "sales", c => c with { Features = [.. c.Features, new FeatureDefinition { Name = "SALES", Type = FeatureKind.Numeric }] });
        await Ingestion.IngestAsync(project);
        var ex = await Assert.ThrowsAsync<LeakageException>(() => Trainer.TrainAsync(project, new TrainOptions()));
        Assert.Contains(ex.Issues, i => i.Feature == "SALES");
    }

    [Fact]
    public async Task Ingest_FailureLeavesStoreAsItWas()
    {
        using var dir = new TempDirectory();
        var project = await CreateAsync(dir, "sales");
        await Ingestion.IngestAsync(project);
        await File.WriteAllTextAsync(project.DataPath, "ORDERNUMBER,QUANTITYORDERED\n1,2\n");
        await Assert.ThrowsAsync<Sextant.Data.DataFileException>(() => Ingestion.IngestAsync(project));
        Assert.Single(await project.Store.ListDatasetsAsync(project.Name));
    }

    [Fact]
    public async Task Train_DeclaredGbmCandidate_IsUsedAndSurvivesSaveLoad()
    {
        using var dir = new TempDirectory();
        var project = await CreateAsync(dir, "sales", c => c with
        {
            Training = new TrainingConfig { PrimaryMetric = "mae", Candidates = [new CandidateConfig { Learner = "gbm", Rounds = 200, MaxLeaves = 15, Loss = "huber" }] },
        });
        await Ingestion.IngestAsync(project);
        var result = await Trainer.TrainAsync(project, new TrainOptions());
        Assert.Equal("gbm", result.Artifact.Learner);
        Assert.Equal("gbm(rounds=200, leaves=15, loss=huber)", result.Artifact.Candidate);
        Assert.NotNull(result.Artifact.GradientBoosting);
        Assert.True(result.Artifact.GradientBoosting!.Rounds <= 200);

        var loaded = await ModelLoader.LoadAsync(project);
        var (_, table) = await project.Store.LoadDatasetAsync(project.Name);
        Assert.Equal(new Predictor(result.Artifact, 1).PredictTable(table), loaded.PredictTable(table));
    }

    [Fact]
    public async Task Train_Cancelled_LeavesTheRunFailedAndRegistersNothing()
    {
        using var dir = new TempDirectory();
        var project = await CreateAsync(dir, "sales", c => c with
        {
            Training = new TrainingConfig { Candidates = [new CandidateConfig { Learner = "gbm", Rounds = 1000 }] },
        });
        await Ingestion.IngestAsync(project);
        using var cancel = new CancellationTokenSource();
        var messages = new List<string>();
        var progress = new SynchronousProgress<string>(m =>
        {
            messages.Add(m);
            if (m.StartsWith("trying gbm", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Trainer.TrainAsync(project, new TrainOptions { Progress = progress }, cancellationToken: cancel.Token));

        Assert.Empty(await project.Metadata.ListVersionsAsync(project.Name));
        var run = Assert.Single(await project.Metadata.SearchRunsAsync(project.Name));
        Assert.Equal(RunStatus.Failed, run.Status);
    }

    [Fact]
    public async Task Train_DeclaredRandomForestCandidate_IsUsedAndSurvivesSaveLoad()
    {
        using var dir = new TempDirectory();
        var project = await CreateAsync(dir, "sales", c => c with
        {
            Training = new TrainingConfig { Candidates = [new CandidateConfig { Learner = "random_forest", Trees = 40, MinSamplesLeaf = 2, MaxFeatures = "0.5" }] },
        });
        await Ingestion.IngestAsync(project);
        var result = await Trainer.TrainAsync(project, new TrainOptions());
        Assert.Equal("random_forest", result.Artifact.Learner);
        Assert.Equal("random_forest(min_leaf=2, trees=40, max_features=0.5)", result.Artifact.Candidate);
        var forest = result.Artifact.RandomForest;
        Assert.NotNull(forest);
        Assert.Equal(40, forest.Trees);
        Assert.Equal(Sextant.Learners.RandomForest.RandomForestTask.Regression, forest.Task);
        Assert.NotNull(forest.OutOfBag?.R2);
        Assert.Null(result.Artifact.GradientBoosting);

        var loaded = await ModelLoader.LoadAsync(project);
        var (_, table) = await project.Store.LoadDatasetAsync(project.Name);
        Assert.Equal(new Predictor(result.Artifact, 1).PredictTable(table), loaded.PredictTable(table));
    }

    [Fact]
    public async Task Train_LassoAndElasticNetCandidates_AreRankedAndTheWinnerSurvivesSaveLoad()
    {
        using var dir = new TempDirectory();
        var project = await CreateAsync(dir, "sales", c => c with
        {
            Training = new TrainingConfig
            {
                Candidates =
                [
                    new CandidateConfig { Learner = "lasso", Alpha = 20 },
                    new CandidateConfig { Learner = "elastic_net", Alpha = 0.5, L1Ratio = 0.9 },
                ],
            },
        });
        await Ingestion.IngestAsync(project);

        var result = await Trainer.TrainAsync(project, new TrainOptions());

        Assert.Equal(["lasso(alpha=20)", "elastic_net(alpha=0.5, l1_ratio=0.9)"], result.Artifact.Leaderboard.Select(e => e.Candidate));
        Assert.Contains(result.Artifact.Learner, new[] { "lasso", "elastic_net" });
        Assert.NotNull(result.Artifact.Ridge);
        var run = await project.Metadata.GetRunAsync(result.Run!.Id);
        Assert.Equal(result.Artifact.Ridge.Coefficients.Count(c => c != 0).ToString(System.Globalization.CultureInfo.InvariantCulture), run!.Params["nonzero_coefficients"]);
        var loaded = await ModelLoader.LoadAsync(project);
        var (_, table) = await project.Store.LoadDatasetAsync(project.Name);
        Assert.Equal(new Predictor(result.Artifact, 1).PredictTable(table), loaded.PredictTable(table));
    }

    [Fact]
    public async Task Train_LassoMisused_IsRefusedClearly()
    {
        using var dir = new TempDirectory();
        var project = await CreateAsync(dir, "sales", c => c with
        {
            Training = new TrainingConfig { Candidates = [new CandidateConfig { Learner = "lasso", L1Ratio = 0.5 }] },
        });
        await Ingestion.IngestAsync(project);
        var error = await Assert.ThrowsAsync<SextantException>(() => Trainer.TrainAsync(project, new TrainOptions()));
        Assert.Contains("use elastic_net", error.Message, StringComparison.Ordinal);

        using var other = new TempDirectory();
        var churn = await CreateAsync(other, "churn", c => c with
        {
            Training = new TrainingConfig { Candidates = [new CandidateConfig { Learner = "lasso" }] },
        });
        await Ingestion.IngestAsync(churn);
        error = await Assert.ThrowsAsync<SextantException>(() => Trainer.TrainAsync(churn, new TrainOptions()));
        Assert.Contains("lasso is for regression", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_ClassificationWithPlatt_ServesCalibratedProbabilitiesAndKeepsTheRanking()
    {
        async Task<TrainResult> TrainChurnAsync(TempDirectory dir, string calibration)
        {
            var project = await CreateAsync(dir, "churn", c => c with { Training = c.Training with { Calibration = calibration } }, rows: 1500);
            await Ingestion.IngestAsync(project);
            return await Trainer.TrainAsync(project, new TrainOptions());
        }

        using var plainDir = new TempDirectory();
        using var plattDir = new TempDirectory();
        var plain = await TrainChurnAsync(plainDir, "none");
        var platt = await TrainChurnAsync(plattDir, "platt");

        Assert.Null(plain.Artifact.Calibration);
        Assert.Equal("platt", platt.Artifact.Calibration?.Method);
        Assert.Equal(plain.Artifact.Metrics["roc_auc"], platt.Artifact.Metrics["roc_auc"], 12);
        Assert.Equal(plain.Artifact.Metrics["log_loss"], platt.Artifact.Metrics["log_loss_uncalibrated"], 12);
        Assert.True(platt.Artifact.Metrics.ContainsKey("brier"));

        // The predictor applies the calibration: its probabilities are the model's, mapped.
        await using var project = await SextantProject.OpenAsync(plattDir.Path);
        var (_, table) = await project.Store.LoadDatasetAsync(project.Name);
        var served = new Predictor(platt.Artifact, 1).PredictTable(table);
        var raw = new Predictor(platt.Artifact with { Calibration = null }, 1).PredictTable(table);
        Assert.Equal(raw.Select(platt.Artifact.Calibration!.Apply), served);
    }

    [Fact]
    public async Task Train_AutoDecisionThreshold_IsChosenOnHeldOutRowsAndDecidesTheLabels()
    {
        using var dir = new TempDirectory();
        var project = await CreateAsync(dir, "churn", c => c with { Training = c.Training with { DecisionThreshold = "auto" } }, rows: 1500);
        await Ingestion.IngestAsync(project);

        var result = await Trainer.TrainAsync(project, new TrainOptions());

        var threshold = result.Artifact.DecisionThreshold;
        Assert.InRange(threshold, 0.0001, 0.9999);
        Assert.Equal(threshold, result.Artifact.Metrics["threshold"]);
        var predictor = new Predictor(result.Artifact, 1);
        var labels = result.Artifact.ClassLabels!;
        Assert.Equal(labels[0], predictor.LabelOf(threshold));
        Assert.Equal(labels[1], predictor.LabelOf(Math.BitDecrement(threshold)));
    }

    [Fact]
    public async Task Train_TestFile_HoldsOutItsRowsAndTrainsOnEveryStoredRow()
    {
        using var dir = new TempDirectory();
        // Another seed's rows of the same generator: the explicit hold-out, read like the data source (code page 850).
        await File.WriteAllBytesAsync(dir.File("holdout.csv"), ExampleProjects.Create("sales", 300, seed: 7).Data);
        var project = await CreateAsync(dir, "sales", c => c with { Split = c.Split with { TestFile = "holdout.csv" } }, rows: 900);
        await Ingestion.IngestAsync(project);

        var result = await Trainer.TrainAsync(project, new TrainOptions());

        Assert.Equal(300, result.Artifact.TestRows);
        var (_, stored) = await project.Store.LoadDatasetAsync(project.Name);
        Assert.Equal(stored.RowCount, result.Artifact.TrainRows + (result.Artifact.Interval?.CalibrationRows ?? 0));
        var run = await project.Metadata.GetRunAsync(result.Run!.Id);
        Assert.Equal("holdout.csv", run!.Params["split.test_file"]);

        // The promotion gate scores a challenger against the champion on the same file.
        var registry = new Sextant.Registry.ModelRegistry(project);
        await registry.PromoteAsync(1, "prod", "tester", "first");
        await Trainer.TrainAsync(project, new TrainOptions());
        var decision = await registry.PromoteAsync(2, "prod", "tester", "second");
        Assert.Contains("300 held-out rows", decision.Decision.EvaluatedOn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_TestFileFailingValidation_IsRefusedNamingTheFile()
    {
        using var dir = new TempDirectory();
        var text = System.Text.Encoding.GetEncoding(850).GetString(ExampleProjects.Create("sales", 50, seed: 7).Data).Replace("Motorcycles", "Boats", StringComparison.Ordinal);
        await File.WriteAllBytesAsync(dir.File("holdout.csv"), System.Text.Encoding.GetEncoding(850).GetBytes(text));
        var project = await CreateAsync(dir, "sales", c => c with { Split = c.Split with { TestFile = "holdout.csv" } }, rows: 300);
        await Ingestion.IngestAsync(project);

        var error = await Assert.ThrowsAsync<SextantException>(() => Trainer.TrainAsync(project, new TrainOptions()));

        Assert.Contains("holdout.csv fails validation", error.Message, StringComparison.Ordinal);
        Assert.Contains("PRODUCTLINE allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_RandomForestWithGbmOptions_IsRefusedClearly()
    {
        using var dir = new TempDirectory();
        var project = await CreateAsync(dir, "sales", c => c with
        {
            Training = new TrainingConfig { Candidates = [new CandidateConfig { Learner = "random_forest", Rounds = 10 }] },
        });
        await Ingestion.IngestAsync(project);
        var error = await Assert.ThrowsAsync<SextantException>(() => Trainer.TrainAsync(project, new TrainOptions()));
        Assert.Contains("gbm options", error.Message, StringComparison.Ordinal);

        using var other = new TempDirectory();
        var badFeatures = await CreateAsync(other, "sales", c => c with
        {
            Training = new TrainingConfig { Candidates = [new CandidateConfig { Learner = "random_forest", MaxFeatures = "log2" }] },
        });
        await Ingestion.IngestAsync(badFeatures);
        error = await Assert.ThrowsAsync<SextantException>(() => Trainer.TrainAsync(badFeatures, new TrainOptions()));
        Assert.Contains("max_features 'log2'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_InvalidCandidates_AreRefusedClearly()
    {
        using var dir = new TempDirectory();
        var project = await CreateAsync(dir, "churn", c => c with { Training = new TrainingConfig { Candidates = [new CandidateConfig { Learner = "ridge" }] } }, rows: 500);
        await Ingestion.IngestAsync(project);
        var wrongTask = await Assert.ThrowsAsync<SextantException>(() => Trainer.TrainAsync(project, new TrainOptions()));
        Assert.Contains("use 'logistic' or 'gbm'", wrongTask.Message, StringComparison.Ordinal);

        using var dir2 = new TempDirectory();
        var sales = await CreateAsync(dir2, "sales", c => c with { Training = new TrainingConfig { Candidates = [new CandidateConfig { Learner = "gbm", LearningRate = -1 }] } });
        await Ingestion.IngestAsync(sales);
        var badOption = await Assert.ThrowsAsync<SextantException>(() => Trainer.TrainAsync(sales, new TrainOptions()));
        Assert.Contains("gbm options are invalid", badOption.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_GbmNativeAndOneHotCategoricals_BothTrainAndNativeIsTheDefault()
    {
        // Native: one level-code column per categorical feature, split by sets of levels; one-hot: a column per level.
        var auc = new Dictionary<string, double>();
        foreach (var categorical in new string?[] { null, "onehot" })
        {
            using var dir = new TempDirectory();
            var project = await CreateAsync(dir, "churn", c => c with { Training = new TrainingConfig { Candidates = [new CandidateConfig { Learner = "gbm", Rounds = 80, Categorical = categorical }] } }, rows: 2000);
            await Ingestion.IngestAsync(project);
            var result = await Trainer.TrainAsync(project, new TrainOptions());
            var preprocessor = result.Artifact.Preprocessor;
            var native = categorical is null;
            Assert.Equal(native ? CategoricalEncoding.Codes : CategoricalEncoding.OneHot, preprocessor.Encoding);
            Assert.Equal(preprocessor.Numeric.Count + (native ? preprocessor.Categorical.Count : preprocessor.Categorical.Sum(c => c.Levels.Count)), preprocessor.Width);
            Assert.Equal(result.Artifact.GradientBoosting!.FeatureCount, preprocessor.Width);

            var loaded = await ModelLoader.LoadAsync(project);
            var (_, table) = await project.Store.LoadDatasetAsync(project.Name);
            Assert.Equal(new Predictor(result.Artifact, 1).PredictTable(table), loaded.PredictTable(table));
            auc[categorical ?? "native"] = result.Artifact.Metrics["roc_auc"];
        }

        Assert.InRange(auc["native"], 0.7, 1.0);
        Assert.InRange(auc["onehot"], 0.7, 1.0);
    }

    [Fact]
    public async Task Train_UnknownCategoricalMode_IsRefusedClearly()
    {
        using var dir = new TempDirectory();
        var project = await CreateAsync(dir, "sales", c => c with { Training = new TrainingConfig { Candidates = [new CandidateConfig { Learner = "gbm", Categorical = "ordinal" }] } }, rows: 300);
        await Ingestion.IngestAsync(project);
        var error = await Assert.ThrowsAsync<SextantException>(() => Trainer.TrainAsync(project, new TrainOptions()));
        Assert.Contains("gbm categorical 'ordinal' is not one of native, onehot", error.Message, StringComparison.Ordinal);

        using var dir2 = new TempDirectory();
        var forest = await CreateAsync(dir2, "sales", c => c with { Training = new TrainingConfig { Candidates = [new CandidateConfig { Learner = "random_forest", Categorical = "native" }] } }, rows: 300);
        await Ingestion.IngestAsync(forest);
        error = await Assert.ThrowsAsync<SextantException>(() => Trainer.TrainAsync(forest, new TrainOptions()));
        Assert.Contains("categorical are gbm options", error.Message, StringComparison.Ordinal);
    }
}
