using System.CommandLine;
using System.Globalization;
using Sextant.Data;
using Table = Spectre.Console.Table;
using Sextant.Projects;
using Sextant.Storage;
using Spectre.Console;

namespace Sextant.Cli.Commands;

internal static class DataCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("data", "Query and summarise the stored datasets.");
        var sql = new Argument<string>("sql") { Description = "A read-only SQL query; the latest version of the dataset is the view named after the project." };
        var limit = new Option<int>("--limit") { Description = "Rows to return at most.", DefaultValueFactory = _ => 1000 };
        var query = new Command("query", "Run read-only SQL over the stored tables.") { sql, limit };
        query.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var result = await project.Store.QueryAsync(parse.GetValue(sql)!, parse.GetValue(limit), cancellationToken).ConfigureAwait(false);
            Print(context, result);
            return 0;
        }));
        command.Add(query);

        var by = new Option<string>("--by") { Description = "Column(s) to group by, comma-separated.", Required = true };
        var value = new Option<string?>("--value") { Description = "Numeric column(s) to total and average, comma-separated (default: the target)." };
        var summary = new Command("summary", "Group totals and means, e.g. sales by product line, country or year.") { by, value };
        summary.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var (info, table) = await project.Store.LoadDatasetAsync(project.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            var groups = Split(parse.GetValue(by)!);
            var values = Split(parse.GetValue(value) ?? project.Config.Target);
            foreach (var name in groups.Concat(values).Where(n => !table.Contains(n)))
            {
                throw new SextantException($"'{name}' is not a column of dataset v{info.Version}; columns: {string.Join(", ", table.ColumnNames)}.");
            }

            foreach (var name in values.Where(n => table[n] is not NumericColumn))
            {
                throw new SextantException($"--value '{name}' is not numeric; totals need a numeric column.");
            }

            var select = string.Join(", ", groups.Select(Quote));
            var aggregates = string.Join(", ", values.Select(v => $"SUM({Quote(v)}) AS {Quote("sum_" + v)}, AVG({Quote(v)}) AS {Quote("mean_" + v)}"));
            var text = $"SELECT {select}, COUNT(*) AS rows, {aggregates} FROM {Quote(info.TableName)} GROUP BY {select} ORDER BY {Quote("sum_" + values[0])} DESC";
            var result = await project.Store.QueryAsync(text, 10_000, cancellationToken).ConfigureAwait(false);
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
