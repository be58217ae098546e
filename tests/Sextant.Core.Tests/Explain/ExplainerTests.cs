using System.Text.Json;
using Sextant.Data;
using Sextant.Data.Ingest;
using Sextant.Examples;
using Sextant.Explain;
using Sextant.Learners.Linear;
using Sextant.Models;
using Sextant.Projects;
using Sextant.Training;

namespace Sextant.Core.Tests.Explain;

public sealed class ExplainerTests
{
    [Theory]
    [InlineData("gbm")]
    [InlineData("ridge")]
    [InlineData("random_forest")]
    public async Task Explain_SalesRecord_OneContributionPerSourceFeatureAddingUpToThePrediction(string learner)
    {
        // Sales has numeric, categorical (one-hot: PRODUCTLINE, COUNTRY, DEALSIZE) and derived (LIST_VALUE) inputs.
        using var dir = new TempDirectory();
        var (predictor, table) = await TrainAsync(dir, "sales", 1200, Candidate(learner));
        var preprocessor = predictor.Artifact.Preprocessor;
        string[] sourceFeatures = [.. preprocessor.Numeric.Select(n => n.Name), .. preprocessor.Categorical.Select(c => c.Name)];
        Assert.Contains("LIST_VALUE", sourceFeatures);
        Assert.Contains("COUNTRY", sourceFeatures);

        for (int r = 0; r < 15; r++)
        {
            using JsonDocument record = RecordOf(predictor, table, r);
            var (report, explanation) = Explainer.Explain(predictor, record.RootElement);
            var (_, prediction) = predictor.Predict(record.RootElement);

            Assert.True(report.Passed);
            Assert.NotNull(explanation);
            Assert.Equal("value", explanation.Scale);
            Assert.Equal(prediction!.Value, explanation.Prediction);
            Assert.Equal(explanation.Prediction, explanation.RawPrediction);
            Assert.Equal(sourceFeatures.Order(StringComparer.Ordinal), explanation.Contributions.Select(c => c.Feature).Order(StringComparer.Ordinal));
            Assert.True(Math.Abs(explanation.Check) <= 1e-9 * Math.Max(1, Math.Abs(explanation.RawPrediction)), $"Check {explanation.Check}.");
            Assert.Equal(explanation.RawPrediction, explanation.BaseValue + explanation.Contributions.Sum(c => c.Contribution), 1e-6);
            double[] magnitudes = [.. explanation.Contributions.Select(c => Math.Abs(c.Contribution))];
            Assert.Equal(magnitudes.OrderDescending(), magnitudes);
            Assert.Equal(table["COUNTRY"].FormatValue(r), explanation.Contributions.Single(c => c.Feature == "COUNTRY").Value);
        }
    }

    [Theory]
    [InlineData("onehot")]
    [InlineData("native")]
    public async Task Explain_SalesGbm_CategoricalContributionIsTheSumOfItsColumns(string categorical)
    {
        // One-hot: the feature's contribution is the sum of its level columns; native: it is its one level-code column.
        using var dir = new TempDirectory();
        var (predictor, table) = await TrainAsync(dir, "sales", 1200, new CandidateConfig { Learner = "gbm", Rounds = 60, Categorical = categorical });
        var preprocessor = predictor.Artifact.Preprocessor;
        Assert.Equal(categorical == "native" ? CategoricalEncoding.Codes : CategoricalEncoding.OneHot, preprocessor.Encoding);
        Assert.Equal(categorical == "native", predictor.Artifact.GradientBoosting!.NodeCategorySets is not null);
        string[] columnNames = [.. preprocessor.OutputNames];

        for (int r = 0; r < 10; r++)
        {
            using JsonDocument record = RecordOf(predictor, table, r);
            var (_, explanation) = Explainer.Explain(predictor, record.RootElement);

            var (_, values) = Sextant.Schema.RecordValidator.Validate(record.RootElement, predictor.Schema);
            var row = new double[preprocessor.Width];
            preprocessor.Transform(values, predictor.Schema, row);
            var columns = new double[row.Length];
            double baseValue = TreeShap.Explain(predictor.Artifact.GradientBoosting!, row, columns);

            Assert.Equal(baseValue, explanation!.BaseValue);
            Assert.True(Math.Abs(explanation.Check) <= 1e-9 * Math.Max(1, Math.Abs(explanation.RawPrediction)), $"Check {explanation.Check}.");
            foreach (var input in preprocessor.Categorical)
            {
                double expected = Enumerable.Range(0, columnNames.Length)
                    .Where(j => columnNames[j] == input.Name || columnNames[j].StartsWith(input.Name + "=", StringComparison.Ordinal))
                    .Sum(j => columns[j]);
                Assert.Equal(expected, explanation.Contributions.Single(c => c.Feature == input.Name).Contribution, 1e-12);
            }
        }
    }

    [Theory]
    [InlineData("gbm", null)]
    [InlineData("gbm", "onehot")]
    [InlineData("logistic", null)]
    public async Task Explain_ChurnRecord_AddsUpInLogOddsAndGivesTheProbability(string learner, string? categorical)
    {
        using var dir = new TempDirectory();
        var (predictor, table) = await TrainAsync(dir, "churn", 1500, new CandidateConfig { Learner = learner, Rounds = learner == "gbm" ? 60 : null, Categorical = categorical });

        for (int r = 0; r < 15; r++)
        {
            using JsonDocument record = RecordOf(predictor, table, r);
            var (_, explanation) = Explainer.Explain(predictor, record.RootElement);
            var (_, prediction) = predictor.Predict(record.RootElement);

            Assert.Equal("log_odds", explanation!.Scale);
            Assert.Equal(prediction!.Value, explanation.Prediction, 1e-15);
            Assert.Equal(prediction.Label, explanation.Label);
            Assert.Equal(explanation.Prediction, 1 / (1 + Math.Exp(-explanation.RawPrediction)), 1e-12);
            Assert.True(Math.Abs(explanation.Check) <= 1e-9 * Math.Max(1, Math.Abs(explanation.RawPrediction)), $"Check {explanation.Check}.");
        }

        if (predictor.Artifact.Logistic is { } logistic)
        {
            // The base is the log-odds of the mean encoded training row.
            double[] means = predictor.Artifact.Preprocessor.ColumnMeans();
            double expectedBase = logistic.Intercept + means.Select((m, j) => m * logistic.Coefficients[j]).Sum();
            using JsonDocument record = RecordOf(predictor, table, 0);
            Assert.Equal(expectedBase, Explainer.Explain(predictor, record.RootElement).Explanation!.BaseValue, 1e-12);
        }
    }

    [Fact]
    public async Task Explain_ChurnRandomForest_AddsUpInProbability()
    {
        using var dir = new TempDirectory();
        var (predictor, table) = await TrainAsync(dir, "churn", 1500, Candidate("random_forest"));
        Assert.NotNull(predictor.Artifact.RandomForest);

        for (int r = 0; r < 15; r++)
        {
            using JsonDocument record = RecordOf(predictor, table, r);
            var (_, explanation) = Explainer.Explain(predictor, record.RootElement);
            var (_, prediction) = predictor.Predict(record.RootElement);

            Assert.Equal("probability", explanation!.Scale);
            Assert.Equal(prediction!.Value, explanation.Prediction);
            Assert.Equal(explanation.Prediction, explanation.RawPrediction);
            Assert.InRange(explanation.Prediction, 0, 1);
            Assert.Equal(prediction.Label, explanation.Label);
            Assert.True(Math.Abs(explanation.Check) <= 1e-9, $"Check {explanation.Check}.");
        }
    }

    [Fact]
    public async Task Explain_InvalidRecord_ReturnsTheReportAndNoExplanation()
    {
        using var dir = new TempDirectory();
        var (predictor, _) = await TrainAsync(dir, "sales", 600, new CandidateConfig { Learner = "ridge" });
        using JsonDocument record = JsonDocument.Parse("{\"QUANTITYORDERED\": \"many\"}");

        var (report, explanation) = Explainer.Explain(predictor, record.RootElement);

        Assert.False(report.Passed);
        Assert.Null(explanation);
    }

    private static CandidateConfig Candidate(string learner) => learner switch
    {
        "gbm" => new CandidateConfig { Learner = learner, Rounds = 60 },
        "random_forest" => new CandidateConfig { Learner = learner, Trees = 30, MinSamplesLeaf = 3 },
        _ => new CandidateConfig { Learner = learner },
    };

    private static async Task<(Predictor Predictor, Table Table)> TrainAsync(TempDirectory dir, string example, int rows, CandidateConfig candidate)
    {
        var created = ExampleProjects.Create(example, rows);
        var config = created.Config with { Training = created.Config.Training with { Candidates = [candidate] } };
        await (created with { Config = config }).WriteToAsync(dir.Path);
        var project = await SextantProject.OpenAsync(dir.Path);
        await Ingestion.IngestAsync(project);
        await Trainer.TrainAsync(project, new TrainOptions());
        var predictor = await ModelLoader.LoadAsync(project);
        var (_, table) = await project.Store.LoadDatasetAsync(project.Name);
        return (predictor, table);
    }

    private static JsonDocument RecordOf(Predictor predictor, Table table, int row)
    {
        var record = new Dictionary<string, object?>();
        foreach (var f in predictor.Schema.Features)
        {
            record[f.Name] = table[f.Name] is NumericColumn n ? n[row] : table[f.Name].FormatValue(row);
        }

        return JsonDocument.Parse(JsonSerializer.Serialize(record));
    }
}
