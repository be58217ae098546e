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
            var project = await SextantProject.OpenAsync(CliApp.ProjectDir(parse), cancellationToken: cancellationToken).ConfigureAwait(false);
            var predictor = await ModelLoader.LoadAsync(project, parse.GetValue(version), cancellationToken).ConfigureAwait(false);
            var path = parse.GetValue(file)!;
            var table = await project.ReadLabelledFileAsync(path, predictor.Schema, $"against model v{predictor.Version}'s schema, ", cancellationToken).ConfigureAwait(false);
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
                context.WriteJson(new { model = predictor.Artifact.Name, version = predictor.Version, file = Path.GetFullPath(path), rows = table.RowCount, metrics });
                return 0;
            }

            context.Out.WriteLine($"'{predictor.Artifact.Name}' v{predictor.Version} on {table.RowCount} rows of {path}:");
            foreach (var (name, value) in metrics)
            {
                context.Out.WriteLine($"  {name,-10} {value.ToString("G6", CultureInfo.InvariantCulture)}");
            }

            return 0;
        }));
        return command;
    }
}
