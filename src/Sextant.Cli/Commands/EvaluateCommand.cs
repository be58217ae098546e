using System.CommandLine;
using System.Globalization;
using Sextant.Evaluation;
using Sextant.Projects;
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
            var path = parse.GetValue(file)!;
            var evaluation = await FileEvaluator.EvaluateAsync(project, path, parse.GetValue(version), cancellationToken).ConfigureAwait(false);
            var (report, refused, metrics) = (evaluation.Validation, evaluation.RefusedRows, evaluation.Metrics);
            if (context.Json)
            {
                context.WriteJson(new
                {
                    model = evaluation.Model,
                    version = evaluation.Version,
                    file = evaluation.File,
                    rows = evaluation.RowsScored,
                    rows_read = evaluation.RowsRead,
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
                context.Err.WriteLine($"{refused.Count} of {evaluation.RowsRead} rows break a declared rule and are left out:");
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

            context.Out.WriteLine($"'{evaluation.Model}' v{evaluation.Version} on {evaluation.RowsScored} rows of {path}" + (refused.Count > 0 ? $" ({refused.Count} refused)" : "") + ":");
            foreach (var (name, value) in metrics)
            {
                context.Out.WriteLine($"  {name,-10} {value.ToString("G6", CultureInfo.InvariantCulture)}");
            }

            return 0;
        }));
        return command;
    }
}
