using System.CommandLine;
using System.Globalization;
using Sextant.Data;
using Sextant.Data.Ingest;
using Sextant.Models;
using Sextant.Projects;
using Sextant.Schema;
using Sextant.Training;
using Spectre.Console;

namespace Sextant.Cli.Commands;

internal static class EvaluateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Option<string>("--file") { Description = "A labelled CSV file (features and the target), read like the project's data.", Required = true };
        var version = new Option<int?>("--version") { Description = "The model version (default: latest)." };
        var command = new Command("evaluate", "Score a labelled file with a registered model and print the task's metrics.") { file, version };
        command.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var predictor = await ModelLoader.LoadAsync(project, parse.GetValue(version), cancellationToken).ConfigureAwait(false);
            var path = parse.GetValue(file)!;
            var (read, report) = await project.ReadLabelledRowsAsync(path, predictor.Schema, cancellationToken).ConfigureAwait(false);
            if (report.Errors.Where(e => e.Row is null).ToList() is { Count: > 0 } fileErrors)
            {
                // A missing or mistyped column: no row can be scored.
                throw new SextantException($"{path} cannot be scored against model v{predictor.Version}'s schema: " + string.Join("; ", fileErrors.Select(e => $"{e.Feature}: {e.Message}")));
            }

            var refused = report.RowsWithErrors();
            var refusedSet = refused.ToHashSet();
            int[] kept = [.. Enumerable.Range(1, read.RowCount).Where(r => !refusedSet.Contains(r)).Select(r => r - 1)];
            if (kept.Length == 0)
            {
                throw new SextantException($"Every one of the {read.RowCount} rows of {path} breaks a declared rule of model v{predictor.Version}'s schema; nothing to score. Run 'sextant validate --file {path}' for every problem.");
            }

            var table = refused.Count == 0 ? read : read.Take(kept);
            var (scores, lower, upper) = predictor.PredictTableWithIntervals(table);
            var target = table[predictor.Schema.Target];
            var actual = predictor.Schema.Task == ProjectTask.Classification
                ? Enumerable.Range(0, table.RowCount).Select(r => target.FormatValue(r) == predictor.Artifact.ClassLabels![0] ? 1.0 : 0.0).ToArray()
                : ((NumericColumn)target).Values.ToArray();
            var metrics = Trainer.Score(predictor.Schema.Task, actual, scores, predictor.Artifact.DecisionThreshold);
            if (lower is not null && upper is not null)
            {
                metrics["interval_coverage"] = PredictionInterval.CoverageOf(actual, lower, upper);
                metrics["interval_width"] = Enumerable.Range(0, lower.Length).Average(i => upper[i] - lower[i]);
            }

            if (context.Json)
            {
                context.WriteJson(new
                {
                    model = predictor.Artifact.Name,
                    version = predictor.Version,
                    file = Path.GetFullPath(path),
                    rows = table.RowCount,
                    rows_read = read.RowCount,
                    refused_rows = refused.Count,
                    refused = report.Errors,
                    warning_count = report.Warnings.Count,
                    warnings = report.WarningSummary().Select(w => new { feature = w.Feature, type = w.Type, count = w.Count }),
                    metrics,
                });
                return 0;
            }

            if (refused.Count > 0)
            {
                context.Err.WriteLine($"{refused.Count} of {read.RowCount} rows break a declared rule and are left out:");
                foreach (var e in report.Errors.Take(20))
                {
                    context.Err.WriteLine($"  row {e.Row}: {e.Feature} ({e.Type}) {e.Message}");
                }

                if (report.Errors.Count > 20)
                {
                    context.Err.WriteLine($"  ... and {report.Errors.Count - 20} more problem(s) (--format json lists all).");
                }
            }

            if (report.Warnings.Count > 0)
            {
                context.Err.WriteLine($"scored with warnings (outside what training saw): " + string.Join(", ", report.WarningSummary().Select(w => $"{w.Feature} {w.Type} x{w.Count}")));
            }

            context.Out.WriteLine($"'{predictor.Artifact.Name}' v{predictor.Version} on {table.RowCount} rows of {path}" + (refused.Count > 0 ? $" ({refused.Count} refused)" : "") + ":");
            foreach (var (name, value) in metrics)
            {
                context.Out.WriteLine($"  {name,-10} {value.ToString("G6", CultureInfo.InvariantCulture)}");
            }

            return 0;
        }));
        return command;
    }
}
