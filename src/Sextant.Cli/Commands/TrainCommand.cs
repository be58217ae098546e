using System.CommandLine;
using System.Globalization;
using Sextant.Projects;
using Sextant.Registry;
using Sextant.Training;
using Spectre.Console;

namespace Sextant.Cli.Commands;

internal static class TrainCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var allowInvalid = new Option<bool>("--allow-invalid") { Description = "Train even if the data fails validation (recorded in the model)." };
        var allowLeakage = new Option<bool>("--allow-leakage") { Description = "Train even if a feature is a near-exact function of the target." };
        var datasetVersion = new Option<int?>("--dataset-version") { Description = "Train on this stored dataset version (default: latest)." };
        var promote = new Option<string?>("--promote") { Description = "After registering, run the promotion gate and move this alias (e.g. staging, prod) if it passes." };
        var runName = new Option<string?>("--run-name") { Description = "A name for the tracked run." };
        var selection = new Option<CandidateSelection>("--selection")
        {
            Description = "baseline: the declared candidates as they are; tuned: a search over their 'search' ranges (training.search); both: all of them, compared together.",
            DefaultValueFactory = _ => CandidateSelection.Baseline,
        };
        var trials = new Option<int?>("--trials") { Description = "Trials per searched candidate for --selection tuned|both (default: training.search.trials)." };
        var command = new Command("train", "Train candidates on the stored dataset, pick the best by the primary metric, evaluate on held-out rows, track the run and register the model.")
        {
            allowInvalid, allowLeakage, datasetVersion, promote, runName, selection, trials,
        };
        command.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            await using var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var result = await context.StepAsync("Training", progress => Trainer.TrainAsync(project, new TrainOptions
            {
                AllowInvalid = parse.GetValue(allowInvalid),
                AllowLeakage = parse.GetValue(allowLeakage),
                DatasetVersion = parse.GetValue(datasetVersion),
                RunName = parse.GetValue(runName),
                Selection = parse.GetValue(selection),
                Trials = parse.GetValue(trials),
                Progress = progress,
            }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            PromotionOutcome? outcome = null;
            if (parse.GetValue(promote) is { } alias)
            {
                outcome = await context.StepAsync($"Promotion gate for '{alias}'", _ => new ModelRegistry(project).PromoteAsync(result.Version.Version, alias, ModelRegistry.CurrentActor(), "sextant train --promote", cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            if (context.Json)
            {
                context.WriteJson(outcome is null ? Document(result) : new { train = Document(result), promotion = outcome });
            }
            else
            {
                Print(context, result);
                if (outcome is not null)
                {
                    RegistryCommand.PrintDecision(context, outcome);
                }
            }

            // A refused promotion is not an error of training, but scripts need to know: exit 3.
            return outcome is { Event: null } ? 3 : 0;
        }));
        return command;
    }

    public static object Document(TrainResult result) => new
    {
        model = result.Version.Name,
        version = result.Version.Version,
        learner = result.Artifact.Candidate,
        primary_metric = result.PrimaryMetric,
        metrics = result.Artifact.Metrics,
        leaderboard = result.Artifact.Leaderboard,
        dataset_version = result.Artifact.DatasetVersion,
        dataset_fingerprint = result.Artifact.DatasetFingerprint,
        train_rows = result.Artifact.TrainRows,
        test_rows = result.Artifact.TestRows,
        calibration_rows = result.Artifact.Interval?.CalibrationRows ?? 0,
        interval = result.Artifact.Interval,
        importance = result.Artifact.Importance,
        validation_passed = result.Validation.Passed,
        artifact_sha256 = result.Version.ArtifactSha256,
        run_id = result.Run?.Id,
    };

    public static void Print(CliContext context, TrainResult result)
    {
        var artifact = result.Artifact;
        var primary = result.PrimaryMetric;
        var crossValidated = artifact.Leaderboard.Any(e => e.Metrics.ContainsKey(primary + "_std"));
        var board = new Table().AddColumns("candidate", primary + (crossValidated ? " (cv mean ± std)" : " (validation)"), crossValidated ? "fit ms/fold" : "fit ms", "predict us/row", "");
        foreach (var entry in artifact.Leaderboard)
        {
            var score = entry.Metrics.TryGetValue(primary + "_std", out var std) ? $"{F(entry.Metrics[primary])} ± {F(std)}" : F(entry.Metrics[primary]);
            board.AddRow(Markup.Escape(entry.Candidate), score, entry.FitMilliseconds.ToString("F1", CultureInfo.InvariantCulture), entry.PredictMicrosecondsPerRow.ToString("F3", CultureInfo.InvariantCulture), entry.Selected ? "selected" : "");
        }

        context.Out.Write(board);
        context.Out.WriteLine($"Test metrics ({artifact.TestRows} held-out rows, trained on {artifact.TrainRows}): " + string.Join(", ", artifact.Metrics.Select(kv => $"{kv.Key} {F(kv.Value)}")));
        if (artifact.Interval is { } interval)
        {
            var width = interval.IsAdaptive
                ? $"quantile boosting corrected by {F(interval.HalfWidth)} on each side, mean width {F(interval.MeanWidth ?? double.NaN)}"
                : $"±{F(interval.HalfWidth)}";
            context.Out.WriteLine($"Intervals: {interval.LowerName}/{interval.UpperName} ({interval.Method}, calibrated on {interval.CalibrationRows} rows the model did not see): " +
                $"{width}, covering {interval.TestCoverage:P1} of the test rows (nominal {interval.Coverage:P0}).");
        }

        if (artifact.Importance.Count > 0)
        {
            context.Out.WriteLine($"Permutation importance ({result.PrimaryMetric} drop when shuffled, test rows): " +
                string.Join(", ", artifact.Importance.Take(5).Select(f => $"{f.Feature} {F(f.Mean)} ± {F(f.StandardDeviation)}")));
        }

        context.Out.WriteLine($"Registered '{result.Version.Name}' v{result.Version.Version} ({artifact.Candidate}) from dataset v{artifact.DatasetVersion}, artifact sha256:{result.Version.ArtifactSha256[..16]}..., run {result.Run?.Id}");
        if (!result.Validation.Passed)
        {
            context.Out.MarkupLine($"[yellow]Trained with --allow-invalid: {result.Validation.Errors.Count} validation problem(s) were recorded.[/]");
        }
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
