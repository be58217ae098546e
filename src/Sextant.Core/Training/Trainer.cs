using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Sextant.Data;
using Sextant.Evaluation;
using Sextant.Learners;
using Sextant.Learners.GradientBoosting;
using Sextant.Learners.Linear;
using Sextant.Learners.RandomForest;
using Sextant.Models;
using Sextant.Projects;
using Sextant.Registry;
using Sextant.Schema;
using Sextant.Storage;
using Sextant.Tracking;
using Sextant.Training.Tuning;

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
        var config = EffectiveConfig(project, options);
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
        var testFile = await project.ReadTestFileAsync(cancellationToken).ConfigureAwait(false);

        options.Progress?.Report("starting a tracked run");
        var run = await project.Metadata.StartRunAsync(new NewRun(project.Name, options.RunName ?? $"train-{time.GetUtcNow():yyyyMMdd-HHmmss}")
        {
            DatasetFingerprint = info.Fingerprint,
            DatasetVersion = info.Version,
            CodeVersion = RunEnvironment.GitCommit(project.Directory),
            ConfigSnapshot = ProjectFile.ReadText(project.Directory),
            Environment = RunEnvironment.Capture(),
        }, cancellationToken).ConfigureAwait(false);
        try
        {
            if (options.Tags.Count > 0)
            {
                await project.Metadata.SetTagsAsync(run.Id, options.Tags, cancellationToken).ConfigureAwait(false);
            }

            var (artifact, validation, primary, test, best, train) = FitAndEvaluate(project, options, info, table, testFile, time, cancellationToken);
            await project.Metadata.LogParamsAsync(run.Id, RunParams(EffectiveConfig(project, options), options, artifact, best, primary), cancellationToken).ConfigureAwait(false);
            await project.Metadata.LogMetricsAsync(run.Id, artifact.Metrics, 0, cancellationToken).ConfigureAwait(false);

            options.Progress?.Report("saving and registering the model");
            var sha = await LogArtifactAsync(project, run.Id, "model", ModelArtifact.Serialize(artifact), cancellationToken).ConfigureAwait(false);
            await LogArtifactAsync(project, run.Id, "leaderboard", artifact.Leaderboard, cancellationToken).ConfigureAwait(false);
            await LogArtifactAsync(project, run.Id, "metrics", artifact.Metrics, cancellationToken).ConfigureAwait(false);
            await LogArtifactAsync(project, run.Id, "importance", artifact.Importance, cancellationToken).ConfigureAwait(false);
            await LogArtifactAsync(project, run.Id, "signature", artifact.Schema, cancellationToken).ConfigureAwait(false);
            if (test.RowCount > 0)
            {
                await LogArtifactAsync(project, run.Id, "input_example", InputExample(test, artifact.Schema), cancellationToken).ConfigureAwait(false);
            }

            options.Progress?.Report($"profiling {Math.Min(train.RowCount, project.Config.Monitoring.ReferenceRows)} training rows as the drift reference");
            var reference = Monitoring.VersionReference.Build(new Predictor(artifact, 0), train, $"training rows (dataset v{info.Version})", project.Config.Monitoring.ReferenceRows, config.Split.Seed);
            var version = await project.Metadata.RegisterVersionAsync(
                new NewModelVersion(project.Name, best.Learner, sha, info.Version, info.Fingerprint, artifact.Metrics, run.Id, validation.Passed), cancellationToken).ConfigureAwait(false);
            await project.Metadata.SaveReferenceProfileAsync(project.Name, version.Version, reference, cancellationToken).ConfigureAwait(false);
            var ended = await project.Metadata.EndRunAsync(run.Id, RunStatus.Finished, best.Name, version.Version, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new TrainResult(version, artifact, validation, primary) { Run = ended };
        }
        catch (Exception ex)
        {
            // The failure is part of the record; the original error still reaches the caller.
            await project.Metadata.EndRunAsync(run.Id, RunStatus.Failed, error: ex.Message, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private static (ModelArtifact Artifact, ValidationReport Validation, string Primary, Table Test, Candidate Best, Table Train) FitAndEvaluate(
        SextantProject project, TrainOptions options, DatasetInfo info, Table table, Table? testFile, TimeProvider time, CancellationToken cancellationToken)
    {
        var schema = project.Schema;
        var config = EffectiveConfig(project, options);
        options.Progress?.Report("validating against the schema");
        var validation = DatasetValidator.Validate(table, schema);
        if (!validation.Passed && !options.AllowInvalid)
        {
            var summary = string.Join(Environment.NewLine, validation.Summary().Take(20).Select(s => $"  - {s.Feature}: {s.Count} x {s.Type}"));
            throw new SextantException($"Training refused: dataset v{info.Version} fails validation with {validation.Errors.Count} problem(s):{Environment.NewLine}{summary}{Environment.NewLine}Run 'sextant validate' for every row, fix the data or the schema, or pass --allow-invalid (recorded).");
        }

        // Resolved here to refuse bad candidates (or a search without ranges) before any data is touched; selection
        // resolves them again.
        _ = Candidate.Resolve(config);
        _ = ModelSelection.SearchedCandidates(config, options.Selection);
        var data = LabelledData.Prepare(config, schema, table, testTable: testFile);
        var (trainRows, testRows, target, classLabels) = (data.TrainRows, data.TestRows, data.Target, data.ClassLabels);
        table = data.Table;
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
        // Candidates are compared on a validation part of the training rows (or across folds of them), so the test
        // rows stay unseen until the final score. For regression with intervals, the validation rows of the one split
        // calibrate split-conformal intervals.
        var coverage = config.Task == ProjectTask.Regression ? config.Training.IntervalCoverage : 0;
        var stratify = config.Split.StratifiesFor(config.Task);
        var (fitRows, validRows) = stratify
            ? DataSplit.Stratified(yTrain, 0.2, config.Split.Seed + 1)
            : DataSplit.Random(train.RowCount, 0.2, config.Split.Seed + 1);
        var holdout = new Fold(0, fitRows, validRows);
        IReadOnlyList<Fold> folds = config.Training.Cv is not { } cv ? [holdout]
            : config.Split.TimeColumn is not null
                // The training rows of a time-ordered split are already in time order.
                ? CrossValidation.TimeSeriesFolds([.. Enumerable.Range(0, train.RowCount)], cv.Folds)
                : CrossValidation.KFold(train.RowCount, cv.Folds, config.Split.Seed + 2, stratify ? yTrain : default);
        if (folds.Count > 1)
        {
            options.Progress?.Report($"scoring candidates by {folds.Count}-fold {(config.Split.TimeColumn is null ? "" : "time-ordered ")}cross-validation on {train.RowCount} training rows");
        }

        var scorer = new CandidateScorer(train, schema, yTrain, folds, config.Task, options.Progress);
        var outcome = ModelSelection.Run(config, options.Selection, scorer, primary, options.Progress, cancellationToken);
        var (leaderboard, best) = (outcome.Leaderboard, outcome.Best);
        var bestModel = outcome.BestScore.Model;
        var bestValid = outcome.BestScore.ValidPredictions;
        // Intervals, probability calibration and the decision threshold learn from the validation rows of the one split, scored by the winner
        // fitted without them; under cross-validation the winner was scored on folds, so it is fitted again on that split.
        var calibrates = coverage > 0 || config.Task == ProjectTask.Classification;
        var heldOut = !calibrates ? null
            : scorer.CrossValidated ? FoldData.Prepare(train, schema, yTrain, holdout, best.Encoding) : scorer.FoldsFor(best.Encoding)[0];
        if (heldOut is not null && bestModel is null)
        {
            (bestModel, _) = Fit(best, heldOut.XFit, heldOut.FitRows, heldOut.Preprocessor, heldOut.YFit, options.Progress, cancellationToken);
            (bestValid, _) = Predict(bestModel, heldOut.XValid, heldOut.ValidRows);
        }

        Preprocessor preprocessor;
        ITabularModel final;
        PredictionInterval? interval = null;
        if (coverage > 0)
        {
            // Split conformal: the served model is the one fitted without the calibration rows, so the
            // coverage guarantee holds; the cost is that it learns from 80% of the training rows.
            options.Progress?.Report($"calibrating {coverage:P0} intervals on {validRows.Length} held-out training rows");
            var c = heldOut!;
            preprocessor = c.Preprocessor;
            final = bestModel!;
            interval = config.Training.IntervalMethod == PredictionInterval.Cqr
                ? CalibrateQuantiles(c.XFit, c.FitRows, c.YFit, c.XValid, c.YValid, c.Preprocessor, coverage, config.Split.Seed, options.Progress, cancellationToken)
                : PredictionInterval.Calibrate(c.YValid, bestValid!, coverage);
        }
        else
        {
            options.Progress?.Report($"fitting {best.Name} on {train.RowCount} training rows");
            preprocessor = Preprocessor.Fit(train, schema, best.Encoding);
            (final, _) = Fit(best, preprocessor.Transform(train), train.RowCount, preprocessor, yTrain, options.Progress, cancellationToken);
        }

        // Classification: probabilities calibrated on the held-out training rows (scored by the model fitted without them).
        ProbabilityCalibrator? calibration = config.Task != ProjectTask.Classification ? null : config.Training.Calibration switch
        {
            "platt" => ProbabilityCalibrator.FitPlatt(bestValid!, heldOut!.YValid),
            "isotonic" => ProbabilityCalibrator.FitIsotonic(bestValid!, heldOut!.YValid),
            "auto" => ProbabilityCalibrator.FitIfHelpful(bestValid!, heldOut!.YValid, config.Split.Seed),
            _ => null,
        };
        var xTest = preprocessor.Transform(test);
        var (testPredictions, _) = Predict(final, xTest, test.RowCount);
        var uncalibrated = calibration is null ? null : Score(config.Task, yTest, testPredictions);
        if (calibration is not null)
        {
            for (var i = 0; i < testPredictions.Length; i++)
            {
                testPredictions[i] = calibration.Apply(testPredictions[i]);
            }
        }

        var threshold = heldOut is null ? 0.5 : DecisionThreshold(config, calibration is null ? bestValid! : [.. bestValid!.Select(calibration.Apply)], heldOut.YValid);
        var testMetrics = Score(config.Task, yTest, testPredictions, threshold);
        if (config.Task == ProjectTask.Classification)
        {
            testMetrics["threshold"] = threshold;
        }

        if (uncalibrated is not null)
        {
            testMetrics["log_loss_uncalibrated"] = uncalibrated["log_loss"];
            testMetrics["brier_uncalibrated"] = uncalibrated["brier"];
        }
        if (interval is not null)
        {
            var (lower, upper) = interval.Bounds(testPredictions, xTest);
            var meanWidth = Enumerable.Range(0, lower.Length).Average(i => upper[i] - lower[i]);
            interval = interval with { TestCoverage = PredictionInterval.CoverageOf(yTest, lower, upper), MeanWidth = meanWidth };
            testMetrics["interval_coverage"] = interval.TestCoverage.Value;
            testMetrics["interval_width"] = meanWidth;
        }

        options.Progress?.Report($"permutation importance of {schema.Features.Count} features on {test.RowCount} test rows");
        var importance = PermutationImportance.Compute(table.Take(testRows), yTest, schema, preprocessor, final, config.Task, primary, seed: config.Split.Seed);

        var artifact = new ModelArtifact
        {
            Importance = importance,
            Calibration = calibration,
            DecisionThreshold = threshold,
            Name = project.Name,
            Schema = WithObservedLimits(schema, coverage > 0 ? train.Take(fitRows) : train, preprocessor),
            Preprocessor = preprocessor,
            Learner = best.Learner,
            Candidate = best.Name,
            Ridge = final as RidgeModel,
            Logistic = final as LogisticRegressionModel,
            GradientBoosting = (final as GradientBoostingScorer)?.Model,
            RandomForest = final as RandomForestModel,
            ClassLabels = classLabels,
            Metrics = testMetrics,
            Interval = interval,
            Leaderboard = leaderboard,
            DatasetFingerprint = info.Fingerprint,
            DatasetVersion = info.Version,
            TrainRows = interval is null ? train.RowCount : fitRows.Length,
            TestRows = test.RowCount,
            TrainedAt = time.GetUtcNow(),
            ValidationPassed = validation.Passed,
        };

        return (artifact, validation, primary, test, best, train);
    }

    private static Task<string> LogArtifactAsync<T>(SextantProject project, string runId, string name, T value, CancellationToken cancellationToken) =>
        LogArtifactAsync(project, runId, name, JsonSerializer.SerializeToUtf8Bytes(value, Storage.SextantJson.Options), cancellationToken);

    // Classification: the declared threshold, or with 'auto' the one that maximises F1 on the held-out training rows.
    private static double DecisionThreshold(ProjectConfig config, double[] validProbabilities, double[] yValid)
    {
        if (config.Task != ProjectTask.Classification)
        {
            return 0.5;
        }

        if (config.Training.DecisionThreshold != "auto")
        {
            return double.Parse(config.Training.DecisionThreshold, CultureInfo.InvariantCulture);
        }

        // One sweep down the probabilities: predicting positive at or above each distinct value in turn.
        var order = Enumerable.Range(0, validProbabilities.Length).OrderByDescending(i => validProbabilities[i]).ToArray();
        var positives = yValid.Count(y => y == 1);
        var best = 0.5;
        var bestF1 = -1.0;
        int truePositives = 0, falsePositives = 0;
        for (var k = 0; k < order.Length; k++)
        {
            if (yValid[order[k]] == 1)
            {
                truePositives++;
            }
            else
            {
                falsePositives++;
            }

            if (k + 1 < order.Length && validProbabilities[order[k + 1]] == validProbabilities[order[k]])
            {
                continue;
            }

            var f1 = 2.0 * truePositives / ((2.0 * truePositives) + falsePositives + (positives - truePositives));
            if (f1 > bestF1)
            {
                (best, bestF1) = (validProbabilities[order[k]], f1);
            }
        }

        return best;
    }

    // Conformalised quantile regression: quantile boosting of both percentiles on the fit rows, corrected on the
    // calibration rows (the same held-out training rows split-conformal intervals use).
    private static PredictionInterval CalibrateQuantiles(
        double[] xFit, int fitRows, double[] yFit, double[] xValid, double[] yValid, Preprocessor preprocessor, double coverage, int seed, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var width = preprocessor.Width;
        GradientBoostingModel FitQuantile(double alpha)
        {
            progress?.Report($"fitting quantile boosting at {alpha:P0} for adaptive intervals");
            return GradientBoostingTrainer.Fit(
                xFit, fitRows, width, yFit, new GradientBoostingOptions { Loss = GradientBoostingLoss.Quantile, QuantileAlpha = alpha, Seed = seed, CategoricalFeatures = preprocessor.CodeColumns },
                cancellationToken: cancellationToken);
        }

        var lowerModel = FitQuantile((1 - coverage) / 2);
        var upperModel = FitQuantile((1 + coverage) / 2);
        var lower = new double[yValid.Length];
        var upper = new double[yValid.Length];
        lowerModel.PredictBatch(xValid, yValid.Length, lower);
        upperModel.PredictBatch(xValid, yValid.Length, upper);
        return PredictionInterval.CalibrateQuantiles(yValid, lower, upper, coverage, lowerModel, upperModel);
    }

    private static async Task<string> LogArtifactAsync(SextantProject project, string runId, string name, byte[] bytes, CancellationToken cancellationToken)
    {
        var sha = await project.Store.Artifacts.PutAsync(bytes, cancellationToken).ConfigureAwait(false);
        await project.Metadata.LogArtifactAsync(runId, name, sha, bytes.Length, cancellationToken).ConfigureAwait(false);
        return sha;
    }

    /// <summary>The project's configuration with this run's overrides (<see cref="TrainOptions.Trials"/>).</summary>
    private static ProjectConfig EffectiveConfig(SextantProject project, TrainOptions options)
    {
        if (options.Trials is not { } trials)
        {
            return project.Config;
        }

        if (trials < 1)
        {
            throw new SextantException($"--trials must be at least 1; found {trials}.");
        }

        var training = project.Config.Training;
        return project.Config with { Training = training with { Search = training.Search with { Trials = trials } } };
    }

    private static Dictionary<string, string> RunParams(ProjectConfig config, TrainOptions options, ModelArtifact artifact, Candidate best, string primary)
    {
        var p = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["task"] = config.Task.ToString().ToLowerInvariant(),
            ["target"] = config.Target,
            ["primary_metric"] = primary,
            ["candidates"] = string.Join(",", artifact.Leaderboard.Select(e => e.Candidate)),
            ["selected"] = best.Name,
            ["learner"] = best.Learner,
            ["split.test_fraction"] = Format(config.Split.TestFraction),
            ["split.seed"] = config.Split.Seed.ToString(CultureInfo.InvariantCulture),
            ["split.time_column"] = config.Split.TimeColumn ?? "",
            ["split.test_file"] = config.Split.TestFile ?? "",
            ["split.stratify"] = config.Split.StratifiesFor(config.Task) ? "true" : "false",
            ["interval_coverage"] = Format(artifact.Interval?.Coverage ?? 0),
            ["train_rows"] = artifact.TrainRows.ToString(CultureInfo.InvariantCulture),
            ["test_rows"] = artifact.TestRows.ToString(CultureInfo.InvariantCulture),
            ["features"] = artifact.Schema.Features.Count.ToString(CultureInfo.InvariantCulture),
            ["allow_invalid"] = options.AllowInvalid ? "true" : "false",
            ["allow_leakage"] = options.AllowLeakage ? "true" : "false",
            ["selection"] = options.Selection.ToString().ToLowerInvariant(),
            ["cv.folds"] = config.Training.Cv?.Folds.ToString(CultureInfo.InvariantCulture) ?? "",
            ["selected.options"] = best.Sampled is null ? "" : TrialSampler.Describe(best.Sampled),
        };
        if (options.Selection != CandidateSelection.Baseline)
        {
            p["search.method"] = config.Training.Search.Method.ToString().ToLowerInvariant();
            p["search.trials"] = config.Training.Search.Trials.ToString(CultureInfo.InvariantCulture);
            p["search.seed"] = config.Training.Search.Seed.ToString(CultureInfo.InvariantCulture);
        }

        if (best.Learner is "ridge" or "logistic" or "gbm" && best.L2 is var l2)
        {
            p["l2"] = Format(l2);
        }

        if (best.Boosting is { } b)
        {
            p["rounds"] = b.Rounds.ToString(CultureInfo.InvariantCulture);
            p["learning_rate"] = Format(b.LearningRate);
            p["max_leaves"] = b.MaxLeaves.ToString(CultureInfo.InvariantCulture);
            p["min_samples_leaf"] = b.MinSamplesLeaf.ToString(CultureInfo.InvariantCulture);
            p["rounds_kept"] = artifact.GradientBoosting?.Rounds.ToString(CultureInfo.InvariantCulture) ?? "";
        }

        if (best.Sparse is { } sparse)
        {
            p["alpha"] = Format(sparse.Alpha);
            p["l1_ratio"] = Format(sparse.L1Ratio);
            p["nonzero_coefficients"] = (artifact.Ridge?.Coefficients.Count(c => c != 0) ?? 0).ToString(CultureInfo.InvariantCulture);
        }

        if (best.Forest is { } f)
        {
            p["trees"] = f.Trees.ToString(CultureInfo.InvariantCulture);
            p["max_depth"] = f.MaxDepth?.ToString(CultureInfo.InvariantCulture) ?? "";
            p["max_leaves"] = f.MaxLeaves?.ToString(CultureInfo.InvariantCulture) ?? "";
            p["min_samples_leaf"] = f.MinSamplesLeaf.ToString(CultureInfo.InvariantCulture);
            p["max_features"] = f.EffectiveMaxFeatures.ToString();
            p["bootstrap"] = f.Bootstrap ? "true" : "false";
            p["seed"] = f.Seed.ToString(CultureInfo.InvariantCulture);
            var oob = artifact.RandomForest?.OutOfBag;
            p["oob_score"] = oob is null ? "" : Format(oob.R2 ?? oob.RocAuc ?? double.NaN);
        }

        return p;
    }

    // The first held-out row as the flat JSON record /predict takes: a ready example of the model's input.
    /// <summary>
    /// The schema a model serves: the project's, with each feature's observed limits replaced by what the model was fitted
    /// on (numeric: the fit rows' extremes; categorical: the preprocessor's levels, which are exactly the categories the
    /// model can tell apart), so warnings at serving say what this model saw, not what <c>init</c> once read.
    /// </summary>
    private static FeatureSchema WithObservedLimits(FeatureSchema schema, Table fitted, Preprocessor preprocessor)
    {
        var features = schema.Features.Select(feature =>
        {
            switch (feature.Type)
            {
                case FeatureKind.Numeric when fitted.TryGetColumn(feature.Name, out var column) && column is NumericColumn numeric:
                    var (min, max) = (double.PositiveInfinity, double.NegativeInfinity);
                    foreach (var v in numeric.Values)
                    {
                        if (!double.IsNaN(v))
                        {
                            (min, max) = (Math.Min(min, v), Math.Max(max, v));
                        }
                    }

                    return min <= max ? feature with { ObservedMin = min, ObservedMax = max } : feature with { ObservedMin = null, ObservedMax = null };
                case FeatureKind.Categorical when preprocessor.Categorical.FirstOrDefault(c => c.Name == feature.Name) is { } input:
                    return feature with { ObservedValues = input.Levels };
                default:
                    return feature;
            }
        });
        return schema with { Features = [.. features] };
    }

    private static Dictionary<string, object?> InputExample(Table test, FeatureSchema schema)
    {
        var example = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var feature in schema.Features)
        {
            if (test.TryGetColumn(feature.Name, out var column))
            {
                example[feature.Name] = column.IsMissing(0) ? null : column is NumericColumn n ? n[0] : column.FormatValue(0);
            }
        }

        return example;
    }

    /// <summary>The primary metric: configured, else rmse (regression) or roc_auc (classification).</summary>
    public static string PrimaryMetric(ProjectConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var metric = config.Training.PrimaryMetric ?? (config.Task == ProjectTask.Classification ? "roc_auc" : "rmse");
        string[] known = config.Task == ProjectTask.Classification
            ? ["accuracy", "precision", "recall", "f1", "roc_auc", "pr_auc", "log_loss", "brier"]
            : ["rmse", "mae", "r2", "mape", "smape"];
        return known.Contains(metric)
            ? metric
            : throw new SextantException($"training.primary_metric '{metric}' is not a {config.Task.ToString().ToLowerInvariant()} metric; use one of {string.Join(", ", known)}.");
    }

    /// <summary>Whether a lower value of the metric is better.</summary>
    public static bool LowerIsBetter(string metric) => metric is "rmse" or "mae" or "mape" or "smape" or "mase" or "log_loss" or "brier";

    /// <summary>The task's metrics by snake_case name.</summary>
    public static Dictionary<string, double> Score(ProjectTask task, ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted, double threshold = 0.5)
    {
        if (task == ProjectTask.Classification)
        {
            var m = ClassificationMetrics.Compute(actual, predicted, threshold);
            return new() { ["accuracy"] = m.Accuracy, ["precision"] = m.Precision, ["recall"] = m.Recall, ["f1"] = m.F1, ["roc_auc"] = m.RocAuc, ["pr_auc"] = m.PrAuc, ["log_loss"] = m.LogLoss, ["brier"] = m.Brier };
        }

        var r = RegressionMetrics.Compute(actual, predicted);
        return new() { ["rmse"] = r.Rmse, ["mae"] = r.Mae, ["r2"] = r.R2, ["mape"] = r.Mape, ["smape"] = r.Smape };
    }

    /// <summary>
    /// Fits a candidate on rows encoded by <paramref name="preprocessor"/>, whose level-code columns gbm splits natively.
    /// Boosting and forests report their rounds or trees to <paramref name="progress"/> (at most once a second) and stop
    /// between them when cancelled.
    /// </summary>
    internal static (ITabularModel Model, double Milliseconds) Fit(
        Candidate candidate, double[] x, int rows, Preprocessor preprocessor, double[] y, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var columns = preprocessor.Width;
        var watch = Stopwatch.StartNew();
        var steps = progress is null ? null : new FitProgressMessages(progress, candidate.Name, candidate.Learner == "random_forest" ? "trees" : "rounds", rows);
        ITabularModel model = candidate.Learner switch
        {
            "logistic" => LogisticRegressionTrainer.Fit(x, rows, columns, y, new LogisticRegressionOptions { L2 = candidate.L2 }),
            "gbm" => new GradientBoostingScorer(GradientBoostingTrainer.Fit(
                x, rows, columns, y, candidate.Boosting! with { CategoricalFeatures = preprocessor.CodeColumns }, progress: steps, cancellationToken: cancellationToken)),
            "random_forest" => RandomForestTrainer.Fit(x, rows, columns, y, candidate.Forest!, steps, cancellationToken),
            "lasso" or "elastic_net" => ElasticNetTrainer.Fit(x, rows, columns, y, candidate.Sparse!),
            _ => RidgeTrainer.Fit(x, rows, columns, y, new RidgeOptions { L2 = candidate.L2 }),
        };
        return (model, watch.Elapsed.TotalMilliseconds);
    }

    /// <summary>A long fit's progress as one line for the training log: <c>gbm: rounds 120/1000 (validation loss 0.0123) on 80,000 rows</c>.</summary>
    private sealed class FitProgressMessages(IProgress<string> lines, string candidate, string unit, int rows) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => lines.Report(string.Create(
            CultureInfo.InvariantCulture,
            $"{candidate}: {unit} {value.Done}/{value.Total}{(value.ValidationLoss is { } loss ? $" (validation loss {loss:G5})" : "")} on {rows:N0} rows"));
    }

    internal static (double[] Predictions, double MicrosecondsPerRow) Predict(ITabularModel model, double[] x, int rows)
    {
        var output = new double[rows];
        var watch = Stopwatch.StartNew();
        model.ScoreBatch(x, rows, output);
        return (output, watch.Elapsed.TotalMicroseconds / Math.Max(1, rows));
    }

    internal static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
