using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Sextant.Data;
using Sextant.Data.Ingest;
using Sextant.Examples;
using Sextant.Models;
using Sextant.Projects;
using Sextant.Schema;
using Sextant.Server;
using Sextant.Training;
using Spectre.Console;

namespace Sextant.Cli.Commands;

internal static class QuickstartCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dir = new Option<string>("--dir") { Description = "Where to create the example project.", DefaultValueFactory = _ => "sextant-quickstart" };
        var noServe = new Option<bool>("--no-serve") { Description = "Stop after training instead of serving." };
        var urls = new Option<string?>("--urls") { Description = "Listen address when serving (default http://127.0.0.1:5080)." };
        var command = new Command("quickstart", "The whole path on the sales example: init, ingest, validate, train, register, then serve.") { dir, noServe, urls };
        command.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            var directory = Path.GetFullPath(parse.GetValue(dir)!);
            var total = System.Diagnostics.Stopwatch.StartNew();
            if (!File.Exists(Path.Combine(directory, ProjectFile.FileName)))
            {
                await context.StepAsync("1/5 Creating the sales example (synthetic, code page 850)", async _ =>
                {
                    await ExampleProjects.Create("sales").WriteToAsync(directory, cancellationToken).ConfigureAwait(false);
                    return 0;
                }).ConfigureAwait(false);
            }
            else
            {
                context.Progress($"1/5 Reusing the project in {directory}");
            }

            var project = await SextantProject.OpenAsync(directory, cancellationToken: cancellationToken).ConfigureAwait(false);
            var ingest = await context.StepAsync("2/5 Ingesting", _ => Ingestion.IngestAsync(project, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var (_, table) = await project.Store.LoadDatasetAsync(project.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            var validation = await context.StepAsync("3/5 Validating", _ => Task.FromResult(DatasetValidator.Validate(table, project.Schema))).ConfigureAwait(false);
            var train = await context.StepAsync("4/5 Training and registering", progress => Trainer.TrainAsync(project, new TrainOptions { Progress = progress }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var predictor = await ModelLoader.LoadAsync(project, train.Version.Version, cancellationToken).ConfigureAwait(false);
            var sample = SampleRecord(table, project.Schema);
            using var sampleDocument = JsonDocument.Parse(sample);
            var samplePrediction = predictor.Predict(sampleDocument.RootElement).Prediction;
            var url = (parse.GetValue(urls) ?? project.Config.Serving.Urls).Split(';')[0].TrimEnd('/');
            var curl = $"curl -s -X POST {url}/predict -H 'Content-Type: application/json' -d '{sample}'";

            if (context.Json)
            {
                context.WriteJson(new
                {
                    project = directory,
                    ingest = new { ingest.Encoding, ingest.RowsRead, ingest.RowsStored, ingest.Version, ingest.Fingerprint },
                    validation = new { passed = validation.Passed, errors = validation.Errors.Count },
                    train = TrainCommand.Document(train),
                    sample_request = JsonDocument.Parse(sample).RootElement,
                    sample_prediction = samplePrediction?.Value,
                    curl,
                    seconds = total.Elapsed.TotalSeconds,
                });
            }
            else
            {
                context.Out.WriteLine();
                context.Out.WriteLine($"Project      {directory}");
                context.Out.WriteLine($"Data         {ingest.RowsRead} rows read ({ingest.Encoding}), {ingest.RowsStored} stored as dataset v{ingest.Version}, sha256:{ingest.Fingerprint[..16]}...");
                context.Out.WriteLine($"Validation   {(validation.Passed ? "passed" : $"{validation.Errors.Count} problem(s)")}");
                TrainCommand.Print(context, train);
                context.Stdout.WriteLine($"Sample       {sample}");
                var bounds = samplePrediction is { Lower: { } low, Upper: { } high } && train.Artifact.Interval is { } interval
                    ? $" ({interval.LowerName} {low.ToString("F2", CultureInfo.InvariantCulture)}, {interval.UpperName} {high.ToString("F2", CultureInfo.InvariantCulture)})"
                    : "";
                context.Out.WriteLine($"  -> prediction {samplePrediction?.Value.ToString("F2", CultureInfo.InvariantCulture)}{bounds}");
                context.Stdout.WriteLine($"Try it:      {curl}");
                context.Out.WriteLine($"Finished in {total.Elapsed.TotalSeconds:F1} s.");
            }

            if (!parse.GetValue(noServe))
            {
                context.Progress("5/5 Serving (Ctrl+C to stop)");
                await ServeCommand.RunAsync(context, new ServerOptions { Project = directory, Urls = parse.GetValue(urls) }, cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }

    /// <summary>The first stored row's feature values as a flat JSON request: a real, valid example.</summary>
    internal static string SampleRecord(Sextant.Data.Table table, FeatureSchema schema)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var feature in schema.Features)
            {
                var column = table[feature.Name];
                if (column.IsMissing(0))
                {
                    writer.WriteNull(feature.Name);
                }
                else if (feature.Type == FeatureKind.Numeric && column is NumericColumn n)
                {
                    writer.WriteNumber(feature.Name, n[0]);
                }
                else
                {
                    writer.WriteString(feature.Name, column.FormatValue(0));
                }
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
