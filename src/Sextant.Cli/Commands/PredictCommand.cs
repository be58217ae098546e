using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Sextant.Data.Ingest;
using Sextant.Models;
using Sextant.Projects;
using Sextant.Schema;
using Spectre.Console;

namespace Sextant.Cli.Commands;

internal static class PredictCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var json = new Option<string?>("--json") { Description = "One record as a flat JSON object." };
        var jsonFile = new Option<string?>("--json-file") { Description = "A file with a JSON object or an array of objects." };
        var csv = new Option<string?>("--csv") { Description = "A CSV file of records (read like the project's data)." };
        var version = new Option<int?>("--version") { Description = "The model version (default: latest)." };
        var showSchema = new Option<bool>("--show-schema") { Description = "Print the model's input schema and exit." };
        var command = new Command("predict", "Predict with a registered model after validating the input against its schema.") { json, jsonFile, csv, version, showSchema };
        command.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var predictor = await ModelLoader.LoadAsync(project, parse.GetValue(version), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(showSchema))
            {
                return PrintSchema(context, predictor);
            }

            var sources = new[] { parse.GetValue(json), parse.GetValue(jsonFile), parse.GetValue(csv) }.Count(s => s is not null);
            if (sources != 1)
            {
                throw new SextantException("Pass exactly one of --json '{...}', --json-file FILE or --csv FILE (or --show-schema).");
            }

            if (parse.GetValue(csv) is { } csvPath)
            {
                return await PredictCsvAsync(context, project, predictor, csvPath, cancellationToken).ConfigureAwait(false);
            }

            var text = parse.GetValue(json) ?? await File.ReadAllTextAsync(parse.GetValue(jsonFile)!, cancellationToken).ConfigureAwait(false);
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text);
            }
            catch (JsonException ex)
            {
                throw new SextantException($"The input is not valid JSON: {ex.Message}", ex);
            }

            using (document)
            {
                var records = document.RootElement.ValueKind == JsonValueKind.Array ? [.. document.RootElement.EnumerateArray()] : new[] { document.RootElement };
                var results = records.Select(r => predictor.Predict(r)).ToList();
                var failed = results.Select((r, i) => (r.Report, Index: i)).Where(x => !x.Report.Passed).ToList();
                if (failed.Count > 0)
                {
                    var errors = failed.SelectMany(f => f.Report.Errors.Select(e => new { index = f.Index, e.Feature, e.Type, e.Message, e.Received })).ToList();
                    if (context.Json)
                    {
                        context.WriteJson(new { passed = false, errors });
                    }
                    else
                    {
                        foreach (var e in errors)
                        {
                            context.Out.WriteLine($"record {e.index}: {e.Feature} [{e.Type}] {e.Message}" + (e.Received is null ? "" : $" (received {e.Received})"));
                        }
                    }

                    stderr.WriteLine($"error: {errors.Count} validation problem(s); nothing was predicted.");
                    return 2;
                }

                var predictions = results.Select(r => r.Prediction!).ToList();
                if (context.Json)
                {
                    context.WriteJson(new
                    {
                        model = predictor.Artifact.Name,
                        version = predictor.Version,
                        interval = IntervalInfo(predictor),
                        predictions = predictions.Select(p => Item(predictor, p.Value, p.Lower, p.Upper, p.Warnings)),
                    });
                }
                else
                {
                    foreach (var p in predictions)
                    {
                        context.Out.WriteLine(Format(predictor, p.Value, p.Lower, p.Upper) + (p.Warnings.Count > 0 ? $"   warnings: {string.Join("; ", p.Warnings)}" : ""));
                    }
                }

                return 0;
            }
        }));
        return command;
    }

    private static async Task<int> PredictCsvAsync(CliContext context, SextantProject project, Predictor predictor, string path, CancellationToken cancellationToken)
    {
        var table = (await CsvTableReader.ReadAsync(path, project.ReadOptions(forScoring: true), cancellationToken).ConfigureAwait(false)).Table;
        var report = DatasetValidator.Validate(table, predictor.Schema, checkTarget: false);
        if (!report.Passed)
        {
            if (context.Json)
            {
                context.WriteJson(new { passed = false, errors = report.Errors });
            }
            else
            {
                foreach (var e in report.Errors.Take(50))
                {
                    context.Out.WriteLine($"row {e.Row}: {e.Feature} [{e.Type}] {e.Message}");
                }
            }

            context.Stderr.WriteLine($"error: {report.Errors.Count} validation problem(s) in {path}; nothing was predicted.");
            return 2;
        }

        var (values, lower, upper) = predictor.PredictTableWithIntervals(table);
        if (context.Json)
        {
            context.WriteJson(new { model = predictor.Artifact.Name, version = predictor.Version, interval = IntervalInfo(predictor), predictions = values.Select((v, i) => Item(predictor, v, lower?[i], upper?[i], [])) });
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
            {
                context.Out.WriteLine(Format(predictor, values[i], lower?[i], upper?[i]));
            }
        }

        return 0;
    }

    private static object? IntervalInfo(Predictor predictor) =>
        predictor.Artifact.Interval is { } i ? new { coverage = i.Coverage, method = i.Method, lower = i.LowerName, upper = i.UpperName, adaptive = i.IsAdaptive } : null;

    // One prediction as JSON: the value, the label and probability for classification, the interval bounds by percentile name.
    private static Dictionary<string, object?> Item(Predictor predictor, double value, double? lower, double? upper, IReadOnlyList<string> warnings)
    {
        var item = new Dictionary<string, object?> { ["prediction"] = value };
        if (predictor.LabelOf(value) is { } label)
        {
            item["label"] = label;
            item["probability"] = value;
        }

        if (predictor.Artifact.Interval is { } interval)
        {
            item[interval.LowerName] = lower;
            item[interval.UpperName] = upper;
        }

        item["warnings"] = warnings;
        return item;
    }

    private static string Format(Predictor predictor, double value, double? lower, double? upper)
    {
        if (predictor.LabelOf(value) is { } label)
        {
            return $"{label} (p={value.ToString("F4", CultureInfo.InvariantCulture)})";
        }

        var text = value.ToString("G8", CultureInfo.InvariantCulture);
        return predictor.Artifact.Interval is { } i && lower is { } low && upper is { } high
            ? $"{text}   [{i.LowerName} {low.ToString("G6", CultureInfo.InvariantCulture)}, {i.UpperName} {high.ToString("G6", CultureInfo.InvariantCulture)}]"
            : text;
    }

    private static int PrintSchema(CliContext context, Predictor predictor)
    {
        var schema = predictor.Schema;
        if (context.Json)
        {
            context.WriteJson(new { model = predictor.Artifact.Name, version = predictor.Version, schema });
            return 0;
        }

        var table = new Table().AddColumns("feature", "type", "min", "max", "allowed", "required", "nullable");
        foreach (var f in schema.Features)
        {
            table.AddRow(Markup.Escape(f.Name), f.Type.ToString().ToLowerInvariant(), f.Min?.ToString(CultureInfo.InvariantCulture) ?? "", f.Max?.ToString(CultureInfo.InvariantCulture) ?? "",
                Markup.Escape(f.Allowed is null ? "" : string.Join(", ", f.Allowed)), f.Required ? "yes" : "no", f.Nullable ? "yes" : "no");
        }

        context.Out.Write(table);
        foreach (var d in schema.Derived)
        {
            context.Out.WriteLine($"derived {d.Name} = {d.Kind}({string.Join(", ", d.Inputs)}{(d.Part is null ? "" : ", " + d.Part)})");
        }

        context.Out.WriteLine($"target {schema.Target} ({schema.Task.ToString().ToLowerInvariant()})");
        return 0;
    }
}
