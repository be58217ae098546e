using System.CommandLine;
using System.Globalization;
using Sextant.Projects;
using Sextant.Schema;
using Spectre.Console;

namespace Sextant.Cli.Commands;

internal static class ValidateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Option<string?>("--file") { Description = "Validate this CSV file instead of the latest stored dataset." };
        var max = new Option<int>("--max") { Description = "Violations to print in text mode.", DefaultValueFactory = _ => 50 };
        var command = new Command("validate", "Check data against the feature schema and list every violation (exit code 2 when any).") { file, max };
        command.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var validation = await ProjectValidator.ValidateAsync(project, parse.GetValue(file), cancellationToken).ConfigureAwait(false);
            var (source, report, errors, passed) = (validation.Source, validation.Report, validation.Errors, validation.Passed);
            if (context.Json)
            {
                context.WriteJson(new
                {
                    source,
                    passed,
                    rows = report.RowsChecked,
                    error_count = errors.Count,
                    summary = report.Summary().Select(s => new { feature = s.Feature, type = s.Type, count = s.Count }),
                    errors,
                    warning_count = report.Warnings.Count,
                    warning_summary = report.WarningSummary().Select(s => new { feature = s.Feature, type = s.Type, count = s.Count }),
                    warnings = report.Warnings,
                });
                return passed ? 0 : 2;
            }

            context.Out.WriteLine($"Validated {report.RowsChecked} rows of {source} against {project.Schema.Features.Count} features and target '{project.Schema.Target}'.");
            if (report.Warnings.Count > 0)
            {
                // Soft findings: values outside what was observed (observed_min/observed_max/observed_values) are scored, not refused.
                context.Out.WriteLine($"WARN: {report.Warnings.Count} value(s) outside what was observed (scored, not refused): " + string.Join(", ", report.WarningSummary().Select(s => $"{s.Feature} {s.Type} x{s.Count}")));
            }

            if (passed)
            {
                context.Out.WriteLine("PASS: no violations.");
                return 0;
            }

            var table2 = new Table().AddColumns("row", "column", "rule", "value", "problem");
            foreach (var e in errors.Take(parse.GetValue(max)))
            {
                table2.AddRow(e.Row?.ToString(CultureInfo.InvariantCulture) ?? "-", Markup.Escape(e.Feature), e.Type, Markup.Escape(e.Received ?? ""), Markup.Escape(e.Message));
            }

            context.Out.Write(table2);
            if (errors.Count > parse.GetValue(max))
            {
                context.Out.WriteLine($"... and {errors.Count - parse.GetValue(max)} more (--max N, or --format json for all).");
            }

            context.Out.WriteLine($"FAIL: {errors.Count} violation(s): " + string.Join(", ", report.Summary().Select(s => $"{s.Feature} {s.Type} x{s.Count}")));
            return 2;
        }));
        return command;
    }
}
