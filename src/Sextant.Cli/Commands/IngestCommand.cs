using System.CommandLine;
using Sextant.Data.Ingest;
using Sextant.Projects;
using Spectre.Console;

namespace Sextant.Cli.Commands;

internal static class IngestCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Option<string?>("--file") { Description = "Ingest this file instead of data.path." };
        var command = new Command("ingest", "Read the data source, clean it and store it as a new dataset version.") { file };
        command.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var report = await context.StepAsync("Ingesting", _ => Ingestion.IngestAsync(project, parse.GetValue(file), cancellationToken)).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(report);
                return 0;
            }

            Print(context, report);
            return 0;
        }));
        return command;
    }

    public static void Print(CliContext context, IngestReport report)
    {
        context.Out.WriteLine($"Read {report.RowsRead} rows x {report.ColumnsRead} columns from {report.File}");
        context.Out.WriteLine($"  encoding {report.Encoding} ({report.EncodingReason})");
        if (report.MissingValues.Count > 0)
        {
            context.Out.WriteLine($"  missing values: {string.Join(", ", report.MissingValues.Select(kv => $"{kv.Key} {kv.Value}"))}");
        }

        if (report.Cleaning.Count > 0)
        {
            var table = new Table().AddColumns("rule", "rows in", "rows out", "detail");
            foreach (var step in report.Cleaning)
            {
                table.AddRow(step.Rule, step.RowsIn.ToString(System.Globalization.CultureInfo.InvariantCulture), step.RowsOut.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(step.Detail));
            }

            context.Out.Write(table);
        }

        context.Out.WriteLine($"Stored {report.RowsStored} rows x {report.ColumnsStored} columns as dataset '{report.Dataset}' v{report.Version} (Parquet; in 'sextant data query' as {report.Table}, and {report.Dataset} for the latest)");
        context.Out.WriteLine($"  fingerprint sha256:{report.Fingerprint}");
    }
}
