using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Sextant.Explain;
using Sextant.Models;
using Sextant.Projects;
using Spectre.Console;

namespace Sextant.Cli.Commands;

/// <summary><c>sextant explain --json '{...}'</c>: the same explanation as <c>POST /explain</c>, in the terminal.</summary>
internal static class ExplainCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var json = new Option<string>("--json") { Description = "One record as a flat JSON object.", Required = true };
        var version = new Option<int?>("--version") { Description = "The model version (default: latest)." };
        var command = new Command("explain", "Explain one prediction: each feature's contribution (TreeSHAP for trees, coefficient x centred value for linear models).") { json, version };
        command.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            await using var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var predictor = await ModelLoader.LoadAsync(project, parse.GetValue(version), cancellationToken).ConfigureAwait(false);
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(parse.GetValue(json)!);
            }
            catch (JsonException ex)
            {
                throw new SextantException($"The input is not valid JSON: {ex.Message}", ex);
            }

            using (document)
            {
                var (report, explanation) = Explainer.Explain(predictor, document.RootElement);
                if (explanation is null)
                {
                    var errors = report.Errors.Select(e => new { e.Feature, e.Type, e.Message, e.Received }).ToList();
                    if (context.Json)
                    {
                        context.WriteJson(new { passed = false, errors });
                    }
                    else
                    {
                        foreach (var e in errors)
                        {
                            context.Out.WriteLine($"{e.Feature} [{e.Type}] {e.Message}" + (e.Received is null ? "" : $" (received {e.Received})"));
                        }
                    }

                    context.Stderr.WriteLine($"error: {errors.Count} validation problem(s); nothing was explained.");
                    return 2;
                }

                if (context.Json)
                {
                    context.WriteJson(new { model = predictor.Artifact.Name, version = predictor.Version, explanation });
                    return 0;
                }

                Print(context, predictor, explanation);
                return 0;
            }
        }));
        return command;
    }

    private static void Print(CliContext context, Predictor predictor, Explanation e)
    {
        static string N(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        context.Out.WriteLine($"{predictor.Artifact.Name} v{predictor.Version} ({predictor.Artifact.Candidate}); contributions in {e.Scale}");
        var largest = e.Contributions.Count == 0 ? 0 : e.Contributions.Max(c => Math.Abs(c.Contribution));
        var table = new Table().AddColumns("feature", "value", "contribution", "");
        table.AddRow("(base value)", "", N(e.BaseValue), "");
        foreach (var c in e.Contributions)
        {
            var width = largest == 0 ? 0 : (int)Math.Round(20 * Math.Abs(c.Contribution) / largest);
            var bar = c.Contribution >= 0 ? $"[green]{new string('+', width)}[/]" : $"[red]{new string('-', width)}[/]";
            table.AddRow(Markup.Escape(c.Feature), Markup.Escape(c.Value ?? "(missing)"), N(c.Contribution), bar);
        }

        table.AddRow("= " + (e.Scale == "value" ? "prediction" : e.Scale), "", N(e.RawPrediction), "");
        context.Out.Write(table);
        if (e.Label is not null)
        {
            context.Out.WriteLine($"label {e.Label} (p={e.Prediction.ToString("F4", CultureInfo.InvariantCulture)})");
        }

        foreach (var w in e.Warnings)
        {
            context.Out.WriteLine($"warning: {w}");
        }
    }
}
