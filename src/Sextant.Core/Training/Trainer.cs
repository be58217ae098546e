using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Sextant.Data;
using Sextant.Evaluation;
using Sextant.Learners;
using Sextant.Learners.GradientBoosting;
using Sextant.Learners.Linear;
using Sextant.Models;
using Sextant.Projects;
using Sextant.Schema;

namespace Sextant.Training;

/// <summary>
/// Trains a project's model from its stored dataset: validate, split, guard against leakage, fit preprocessing on the
/// training rows only, choose among candidates on a validation part of the training rows, refit, evaluate on the
/// held-out rows, save the artifact and register it as the next version.
/// </summary>
public static class Trainer
{
    public static async Task<TrainResult> TrainAsync(SextantProject project, TrainOptions options, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(options);
        time ??= TimeProvider.System;
        var schema = project.Schema;
        var config = project.Config;
        if (config.Task == ProjectTask.Forecast)
        {
            throw new SextantException("task 'forecast' is stored and summarised, but forecasting models (SARIMA) arrive with the time-series issue; use 'sextant data summary' for now.");
        }

        var schemaLeaks = LeakageGuard.CheckSchema(schema);
        if (schemaLeaks.Count > 0)
        {
            throw new LeakageException(schemaLeaks);
        }

        options.Progress?.Report("loading the stored dataset");
        var (info, table) = await project.Store.LoadDatasetAsync(project.Name, options.DatasetVersion, cancellationToken).ConfigureAwait(false);

        options.Progress?.Report("validating against the schema");
        var validation = DatasetValidator.Validate(table, schema);
        if (!validation.Passed && !options.AllowInvalid)
        {
            var summary = string.Join(Environment.NewLine, validation.Summary().Take(20).Select(s => $"  - {s.Feature}: {s.Count} x {s.Type}"));
            throw new SextantException($"Training refused: dataset v{info.Version} fails validation with {validation.Errors.Count} problem(s):{Environment.NewLine}{summary}{Environment.NewLine}Run 'sextant validate' for every row, fix the data or the schema, or pass --allow-invalid (recorded).");
        }

        var candidates = Candidate.Resolve(config);
        var targetColumn = table[schema.Target];
        var keep = new bool[table.RowCount];
        for (var r = 0; r < keep.Length; r++)
        {
            keep[r] = !targetColumn.IsMissing(r);
        }

        table = table.Where(keep);
        targetColumn = table[schema.Target];
        IReadOnlyList<string>? classLabels = null;
        double[] target;
        if (config.Task == ProjectTask.Classification)
        {
            classLabels = ClassLabels(targetColumn, config.PositiveClass);
            target = [.. Enumerable.Range(0, table.RowCount).Select(r => targetColumn.FormatValue(r) == classLabels[0] ? 1.0 : 0.0)];
        }
        else
        {
            target = ((NumericColumn)targetColumn).Values.ToArray();
        }

        var (trainRows, testRows) = config.Split.TimeColumn is { } timeColumn
            ? DataSplit.ByTime(table[timeColumn], config.Split.TestFraction)
            : DataSplit.Random(table.RowCount, config.Split.TestFraction, config.Split.Seed);
        var train = DerivedFeatures.AddTo(table.Take(trainRows), schema);
        var test = DerivedFeatures.AddTo(table.Take(testRows), schema);
        var yTrain = trainRows.Select(i => target[i]).ToArray();
        var yTest = testRows.Select(i => target[i]).ToArray();

        if (!options.AllowLeakage)
        {
            var leaks = LeakageGuard.CheckData(train, schema, yTrain);
            if (leaks.Count > 0)
            {
                throw new LeakageException(leaks);
            }
        }

        var primary = PrimaryMetric(config);
        var leaderboard = new List<LeaderboardEntry>();
        var best = candidates[0];
        if (candidates.Count > 1)
        {
            // Selection uses a validation part of the training rows, so the test rows stay unseen until the final score.
            var (fitRows, validRows) = DataSplit.Random(train.RowCount, 0.2, config.Split.Seed + 1);
            var fitTable = train.Take(fitRows);
            var validTable = train.Take(validRows);
            var pre = Preprocessor.Fit(fitTable, schema);
            var xFit = pre.Transform(fitTable);
            var xValid = pre.Transform(validTable);
            var yFit = fitRows.Select(i => yTrain[i]).ToArray();
            var yValid = validRows.Select(i => yTrain[i]).ToArray();
            double bestScore = double.NaN;
            foreach (var candidate in candidates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                options.Progress?.Report($"trying {candidate.Name}");
                var (model, fitMs) = Fit(candidate, xFit, fitRows.Length, pre.Width, yFit);
                var (predicted, predictUs) = Predict(model, xValid, validRows.Length);
                var metrics = Score(config.Task, yValid, predicted);
                var score = metrics[primary];
                leaderboard.Add(new LeaderboardEntry(candidate.Name, candidate.Learner, metrics, fitMs, predictUs, false));
                if (double.IsNaN(bestScore) || Better(primary, score, bestScore))
                {
                    bestScore = score;
                    best = candidate;
                }
            }

            leaderboard = [.. leaderboard.Select(e => e with { Selected = e.Candidate == best.Name })];
        }

        options.Progress?.Report($"fitting {best.Name} on {train.RowCount} training rows");
        var preprocessor = Preprocessor.Fit(train, schema);
        var xTrain = preprocessor.Transform(train);
        var xTest = preprocessor.Transform(test);
        var (final, finalFitMs) = Fit(best, xTrain, train.RowCount, preprocessor.Width, yTrain);
        var (testPredictions, testPredictUs) = Predict(final, xTest, test.RowCount);
        var testMetrics = Score(config.Task, yTest, testPredictions);
        if (leaderboard.Count == 0)
        {
            leaderboard.Add(new LeaderboardEntry(best.Name, best.Learner, testMetrics, finalFitMs, testPredictUs, true));
        }

        var artifact = new ModelArtifact
        {
            Name = project.Name,
            Schema = schema,
            Preprocessor = preprocessor,
            Learner = best.Learner,
            Candidate = best.Name,
            Ridge = final as RidgeModel,
            Logistic = final as LogisticRegressionModel,
            GradientBoosting = (final as GradientBoostingScorer)?.Model,
            ClassLabels = classLabels,
            Metrics = testMetrics,
            Leaderboard = leaderboard,
            DatasetFingerprint = info.Fingerprint,
            DatasetVersion = info.Version,
            TrainRows = train.RowCount,
            TestRows = test.RowCount,
            TrainedAt = time.GetUtcNow(),
            ValidationPassed = validation.Passed,
        };

        options.Progress?.Report("saving and registering the model");
        var bytes = JsonSerializer.SerializeToUtf8Bytes(artifact, Storage.SextantJson.Options);
        var sha = await project.Store.Artifacts.PutAsync(bytes, cancellationToken).ConfigureAwait(false);
        var version = await project.Store.RegisterModelAsync(project.Name, best.Learner, sha, info.Version, info.Fingerprint, testMetrics, cancellationToken).ConfigureAwait(false);
        return new TrainResult(version, artifact, validation, primary);
    }

    /// <summary>The primary metric: configured, else rmse (regression) or roc_auc (classification).</summary>
    public static string PrimaryMetric(ProjectConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var metric = config.Training.PrimaryMetric ?? (config.Task == ProjectTask.Classification ? "roc_auc" : "rmse");
        string[] known = config.Task == ProjectTask.Classification
            ? ["accuracy", "precision", "recall", "f1", "roc_auc", "pr_auc", "log_loss"]
            : ["rmse", "mae", "r2", "mape", "smape"];
        return known.Contains(metric)
            ? metric
            : throw new SextantException($"training.primary_metric '{metric}' is not a {config.Task.ToString().ToLowerInvariant()} metric; use one of {string.Join(", ", known)}.");
    }

    /// <summary>Whether a lower value of the metric is better.</summary>
    public static bool LowerIsBetter(string metric) => metric is "rmse" or "mae" or "mape" or "smape" or "log_loss";

    private static bool Better(string metric, double candidate, double best) =>
        !double.IsNaN(candidate) && (LowerIsBetter(metric) ? candidate < best : candidate > best);

    /// <summary>The task's metrics by snake_case name.</summary>
    public static Dictionary<string, double> Score(ProjectTask task, ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        if (task == ProjectTask.Classification)
        {
            var m = ClassificationMetrics.Compute(actual, predicted);
            return new() { ["accuracy"] = m.Accuracy, ["precision"] = m.Precision, ["recall"] = m.Recall, ["f1"] = m.F1, ["roc_auc"] = m.RocAuc, ["pr_auc"] = m.PrAuc, ["log_loss"] = m.LogLoss };
        }

        var r = RegressionMetrics.Compute(actual, predicted);
        return new() { ["rmse"] = r.Rmse, ["mae"] = r.Mae, ["r2"] = r.R2, ["mape"] = r.Mape, ["smape"] = r.Smape };
    }

    private static (ITabularModel Model, double Milliseconds) Fit(Candidate candidate, double[] x, int rows, int columns, double[] y)
    {
        var watch = Stopwatch.StartNew();
        ITabularModel model = candidate.Learner switch
        {
            "logistic" => LogisticRegressionTrainer.Fit(x, rows, columns, y, new LogisticRegressionOptions { L2 = candidate.L2 }),
            "gbm" => new GradientBoostingScorer(GradientBoostingTrainer.Fit(x, rows, columns, y, candidate.Boosting!)),
            _ => RidgeTrainer.Fit(x, rows, columns, y, new RidgeOptions { L2 = candidate.L2 }),
        };
        return (model, watch.Elapsed.TotalMilliseconds);
    }

    private static (double[] Predictions, double MicrosecondsPerRow) Predict(ITabularModel model, double[] x, int rows)
    {
        var output = new double[rows];
        var watch = Stopwatch.StartNew();
        model.ScoreBatch(x, rows, output);
        return (output, watch.Elapsed.TotalMicroseconds / Math.Max(1, rows));
    }

    private static string[] ClassLabels(Column target, string? positive)
    {
        var counts = Enumerable.Range(0, target.Length).Select(target.FormatValue).OfType<string>()
            .GroupBy(v => v, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        if (counts.Count != 2)
        {
            throw new SextantException($"Classification needs exactly 2 classes in '{target.Name}'; found {counts.Count}: {string.Join(", ", counts.Keys.Take(10))}.");
        }

        if (positive is not null && !counts.ContainsKey(positive))
        {
            throw new SextantException($"positive_class '{positive}' is not a value of '{target.Name}'; values: {string.Join(", ", counts.Keys)}.");
        }

        string[] conventional = ["Yes", "yes", "YES", "1", "true", "True", "TRUE", "Y", "y"];
        positive ??= conventional.FirstOrDefault(counts.ContainsKey)
            ?? counts.OrderBy(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;
        var negative = counts.Keys.First(k => k != positive);
        return [positive, negative];
    }

    internal static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
