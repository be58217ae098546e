using System.CommandLine;
using System.Globalization;
using Sextant.Projects;
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
        var command = new Command("train", "Train candidates on the stored dataset, pick the best by the primary metric, evaluate on held-out rows and register it.") { allowInvalid, allowLeakage, datasetVersion };
        command.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            var project = await SextantProject.OpenAsync(CliApp.ProjectDir(parse), cancellationToken: cancellationToken).ConfigureAwait(false);
            var result = await context.StepAsync("Training", progress => Trainer.TrainAsync(project, new TrainOptions
            {
                AllowInvalid = parse.GetValue(allowInvalid),
                AllowLeakage = parse.GetValue(allowLeakage),
                DatasetVersion = parse.GetValue(datasetVersion),
                Progress = progress,
            }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(Document(result));
                return 0;
            }

            Print(context, result);
            return 0;
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
        validation_passed = result.Validation.Passed,
        artifact_sha256 = result.Version.ArtifactSha256,
    };

    public static void Print(CliContext context, TrainResult result)
    {
        var artifact = result.Artifact;
        var board = new Table().AddColumns("candidate", result.PrimaryMetric + " (validation)", "fit ms", "predict us/row", "");
        foreach (var entry in artifact.Leaderboard)
        {
            board.AddRow(entry.Candidate, F(entry.Metrics[result.PrimaryMetric]), entry.FitMilliseconds.ToString("F1", CultureInfo.InvariantCulture), entry.PredictMicrosecondsPerRow.ToString("F3", CultureInfo.InvariantCulture), entry.Selected ? "selected" : "");
        }

        context.Out.Write(board);
        context.Out.WriteLine($"Test metrics ({artifact.TestRows} held-out rows, trained on {artifact.TrainRows}): " + string.Join(", ", artifact.Metrics.Select(kv => $"{kv.Key} {F(kv.Value)}")));
        context.Out.WriteLine($"Registered '{result.Version.Name}' v{result.Version.Version} ({artifact.Candidate}) from dataset v{artifact.DatasetVersion}, artifact sha256:{result.Version.ArtifactSha256[..16]}...");
        if (!result.Validation.Passed)
        {
            context.Out.MarkupLine($"[yellow]Trained with --allow-invalid: {result.Validation.Errors.Count} validation problem(s) were recorded.[/]");
        }
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
