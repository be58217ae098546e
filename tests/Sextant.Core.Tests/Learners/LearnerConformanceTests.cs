using System.Text.Json;
using Sextant.Data.Ingest;
using Sextant.Examples;
using Sextant.Learners;
using Sextant.Models;
using Sextant.Projects;
using Sextant.Training;

namespace Sextant.Core.Tests.Learners;

/// <summary>
/// The conformance suite every learner passes, through the same path a user takes (sextant.yaml candidate, ingest,
/// train, registry, load, predict): it fits, it is deterministic under the split seed, a saved and reloaded model
/// predicts the same bits, a record with a missing value and a category unseen in training gets a prediction (with a
/// warning), a record that breaks the schema gets every problem listed and no prediction, and the model itself
/// refuses a row of the wrong width.
/// </summary>
public sealed class LearnerConformanceTests
{
    public static TheoryData<string, string, string?> Learners => new()
    {
        { "ridge", "sales", null },
        { "lasso", "sales", null },
        { "elastic_net", "sales", null },
        { "gbm", "sales", null },
        { "gbm", "sales", "onehot" },
        { "random_forest", "sales", null },
        { "logistic", "churn", null },
        { "gbm", "churn", null },
        { "random_forest", "churn", null },
    };

    [Theory]
    [MemberData(nameof(Learners))]
    public async Task Learner_PassesTheConformanceSuite(string learner, string example, string? categorical)
    {
        using var dir = new TempDirectory();
        var (numeric, category) = example == "sales" ? ("MSRP", "COUNTRY") : ("TotalCharges", "PaymentMethod");
        var candidate = new CandidateConfig
        {
            Learner = learner,
            Categorical = categorical,
            Trees = learner == "random_forest" ? 30 : null,
            Alpha = learner is "lasso" or "elastic_net" ? 0.01 : null,
        };
        var project = ExampleProjects.Create(example, rows: 800);
        var config = project.Config with
        {
            // Any level of the category is valid input; the numeric feature may be missing.
            Features = [.. project.Config.Features.Select(f => f.Name == category ? f with { Allowed = null } : f.Name == numeric ? f with { Nullable = true } : f)],
            Training = new TrainingConfig { Candidates = [candidate] },
        };
        await (project with { Config = config }).WriteToAsync(dir.Path);
        await using var opened = await SextantProject.OpenAsync(dir.Path);
        await Ingestion.IngestAsync(opened);

        // Fits, better than a constant.
        var first = await Trainer.TrainAsync(opened, new TrainOptions());
        Assert.Equal(learner, first.Artifact.Learner);
        if (example == "sales")
        {
            Assert.True(first.Artifact.Metrics["r2"] > 0.5, $"{learner}: test r2 {first.Artifact.Metrics["r2"]}");
        }
        else
        {
            Assert.True(first.Artifact.Metrics["roc_auc"] > 0.65, $"{learner}: test roc_auc {first.Artifact.Metrics["roc_auc"]}");
        }

        // Deterministic under the seed: the same metrics and the same predictions, bit for bit.
        var second = await Trainer.TrainAsync(opened, new TrainOptions());
        var (_, table) = await opened.Store.LoadDatasetAsync(opened.Name);
        var firstPredictions = new Predictor(first.Artifact, first.Version.Version).PredictTable(table);
        Assert.Equal(first.Artifact.Metrics, second.Artifact.Metrics);
        Assert.Equal(firstPredictions, new Predictor(second.Artifact, second.Version.Version).PredictTable(table));

        // Saved and loaded from the registry: the same bits.
        var loaded = await ModelLoader.LoadAsync(opened);
        Assert.Equal(second.Version.Version, loaded.Version);
        Assert.Equal(firstPredictions, loaded.PredictTable(table));

        // A missing value and an unseen category: a finite prediction, with the unseen level named.
        var record = Record(opened, table, row: 0);
        record[numeric] = null;
        record[category] = "Atlantis";
        using (var document = JsonDocument.Parse(JsonSerializer.Serialize(record)))
        {
            var (report, prediction) = loaded.Predict(document.RootElement);
            Assert.True(report.Passed, string.Join("; ", report.Errors.Select(i => i.Message)));
            Assert.True(double.IsFinite(prediction!.Value), $"{learner}: {prediction.Value}");
            Assert.Contains(prediction.Warnings, w => w.Contains(category, StringComparison.Ordinal));
        }

        // A record that breaks the schema: every problem listed, no prediction.
        var broken = Record(opened, table, row: 1);
        broken[numeric] = "a lot";
        broken.Remove(opened.Schema.Features[0].Name == numeric ? opened.Schema.Features[1].Name : opened.Schema.Features[0].Name);
        using (var document = JsonDocument.Parse(JsonSerializer.Serialize(broken)))
        {
            var (report, prediction) = loaded.Predict(document.RootElement);
            Assert.False(report.Passed);
            Assert.Null(prediction);
            Assert.True(report.Errors.Count >= 2, string.Join("; ", report.Errors.Select(i => i.Message)));
        }

        // The model itself refuses a row of the wrong width.
        ITabularModel model = loaded.Model;
        Assert.Throws<ArgumentException>(() => model.Score(new double[model.FeatureCount + 1]));
    }

    private static Dictionary<string, object?> Record(SextantProject project, Sextant.Data.Table table, int row)
    {
        var record = new Dictionary<string, object?>();
        foreach (var f in project.Schema.Features)
        {
            record[f.Name] = table[f.Name] is Sextant.Data.NumericColumn n ? (double.IsNaN(n[row]) ? null : n[row]) : table[f.Name].FormatValue(row);
        }

        return record;
    }
}
