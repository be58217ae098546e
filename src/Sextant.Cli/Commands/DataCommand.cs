using System.CommandLine;
using System.Globalization;
using Table = Spectre.Console.Table;
using Sextant.Projects;
using Sextant.Storage;
using Spectre.Console;

namespace Sextant.Cli.Commands;

internal static class DataCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("data", "Query, summarise, list and export the stored datasets (Parquet files, queried with DuckDB).");
        var sql = new Argument<string>("sql")
        {
            Description = "One read-only SQL query (DuckDB dialect): the view named after the project is the latest version, name_v1, name_v2, ... each version, "
                + "'datasets' the catalogue, 'predictions' the server's prediction log (features and warnings as JSON).",
        };
        var limit = new Option<int>("--limit") { Description = "Rows to return at most.", DefaultValueFactory = _ => 1000 };
        var query = new Command("query", "Run read-only SQL over the stored tables.") { sql, limit };
        query.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var text = parse.GetValue(sql)!;
            // The prediction log is read only when the query names it: it can be long.
            var predictions = text.Contains("predictions", StringComparison.OrdinalIgnoreCase)
                ? await project.Metadata.RecentPredictionsAsync(project.Name, 1_000_000, cancellationToken).ConfigureAwait(false)
                : null;
            var result = await project.Store.QueryAsync(text, parse.GetValue(limit), predictions, cancellationToken).ConfigureAwait(false);
            Print(context, result);
            return 0;
        }));
        command.Add(query);

        var versions = new Command("versions", "The stored versions: rows, columns, fingerprint, source, file.");
        versions.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var list = await project.Store.ListDatasetsAsync(project.Name, cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(new
                {
                    dataset = ProjectStore.SqlName(project.Name),
                    versions = list.Select(v => new { version = v.Version, table = v.TableName, rows = v.Rows, columns = v.Columns, fingerprint = v.Fingerprint, source = v.Source, encoding = v.Encoding, created_at = v.CreatedAt, file = v.File }),
                });
                return 0;
            }

            if (list.Count == 0)
            {
                context.Out.WriteLine("No data has been ingested yet. Run 'sextant ingest' first.");
                return 0;
            }

            var table = new Table().AddColumns("version", "table", "rows", "columns", "fingerprint", "source", "created");
            foreach (var v in list)
            {
                table.AddRow(v.Version.ToString(CultureInfo.InvariantCulture), v.TableName, v.Rows.ToString("N0", CultureInfo.InvariantCulture), v.Columns.ToString(CultureInfo.InvariantCulture),
                    v.Fingerprint[..12], Markup.Escape(Path.GetFileName(v.Source)), v.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            }

            context.Out.Write(table);
            return 0;
        }));
        command.Add(versions);

        var output = new Option<string>("--output", "-o") { Description = "The file to write.", Required = true };
        var version = new Option<int?>("--version") { Description = "The dataset version (default: the latest)." };
        var export = new Command("export", "Write a stored version to a Parquet or CSV file (readable by pandas, DuckDB, Spark): --format parquet|csv, default from the file's extension.") { output, version };
        CliApp.AcceptFileFormats(export, "parquet", "csv");
        export.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var file = parse.GetValue(output)!;
            var kind = CliApp.FileFormat(parse) ?? (file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "csv" : "parquet");
            var info = await project.Store.ExportDatasetAsync(project.Name, parse.GetValue(version), kind, file, cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                // Only with --format json: a file format leaves the output as text.
                context.WriteJson(new { dataset = info.Name, version = info.Version, rows = info.Rows, columns = info.Columns, fingerprint = info.Fingerprint, format = kind.ToLowerInvariant(), file = Path.GetFullPath(file) });
            }
            else
            {
                context.Out.WriteLine($"Wrote {info.Name} v{info.Version} ({info.Rows:N0} rows x {info.Columns} columns) as {kind.ToLowerInvariant()} to {Path.GetFullPath(file)}");
            }

            return 0;
        }));
        command.Add(export);

        var by = new Option<string>("--by") { Description = "Column(s) to group by, comma-separated.", Required = true };
        var value = new Option<string?>("--value") { Description = "Numeric column(s) to total and average, comma-separated (default: the target)." };
        var summary = new Command("summary", "Group totals and means, e.g. sales by product line, country or year.") { by, value };
        summary.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var info = await project.Store.FindDatasetAsync(project.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            var described = await project.Store.QueryAsync($"DESCRIBE {Quote(info.TableName)}", 10_000, cancellationToken: cancellationToken).ConfigureAwait(false);
            var types = described.Rows.ToDictionary(r => (string)r[0]!, r => (string)r[1]!, StringComparer.Ordinal);
            var groups = Split(parse.GetValue(by)!);
            var values = Split(parse.GetValue(value) ?? project.Config.Target);
            foreach (var name in groups.Concat(values).Where(n => !types.ContainsKey(n)))
            {
                throw new SextantException($"'{name}' is not a column of dataset v{info.Version}; columns: {string.Join(", ", types.Keys)}.");
            }

            foreach (var name in values.Where(n => types[n] != "DOUBLE"))
            {
                throw new SextantException($"--value '{name}' is not numeric; totals need a numeric column.");
            }

            var select = string.Join(", ", groups.Select(Quote));
            var aggregates = string.Join(", ", values.Select(v => $"SUM({Quote(v)}) AS {Quote("sum_" + v)}, AVG({Quote(v)}) AS {Quote("mean_" + v)}"));
            var text = $"SELECT {select}, COUNT(*) AS rows, {aggregates} FROM {Quote(info.TableName)} GROUP BY {select} ORDER BY {Quote("sum_" + values[0])} DESC";
            var result = await project.Store.QueryAsync(text, 10_000, cancellationToken: cancellationToken).ConfigureAwait(false);
            Print(context, result);
            return 0;
        }));
        command.Add(summary);
        return command;
    }

    private static string[] Split(string text) => [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void Print(CliContext context, QueryResult result)
    {
        if (context.Json)
        {
            context.WriteJson(new { columns = result.Columns, rows = result.Rows, row_count = result.Rows.Count });
            return;
        }

        var table = new Table();
        foreach (var c in result.Columns)
        {
            table.AddColumn(Markup.Escape(c));
        }

        foreach (var row in result.Rows)
        {
            table.AddRow([.. row.Select(v => Markup.Escape(v switch
            {
                null => "",
                double d => d.ToString("#,0.##", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => v.ToString() ?? "",
            }))]);
        }

        context.Out.Write(table);
        context.Out.WriteLine($"{result.Rows.Count} row(s)");
    }
}
