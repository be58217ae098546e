using System.CommandLine;
using System.Globalization;
using Sextant.Reports;
using Sextant.Reports.Charts;
using Sextant.Reports.Eda;
using Spectre.Console;
using Table = Spectre.Console.Table;

namespace Sextant.Cli.Commands;

internal static class EdaCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var version = new Option<int?>("--version") { Description = "The dataset version (default: the latest)." };
        var output = new Option<string?>("--output", "-o") { Description = "Also write the report files (report.html, report.md, charts/, report.json, manifest.json) to this folder." };
        var command = new Command("eda", "Profile a dataset version: an HTML report (self-contained), Markdown with chart files and JSON with every number, stored under .sextant/reports/<id>/.") { version, output };
        command.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            await using var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var (info, table) = await context.StepAsync($"Loading dataset {project.Name}{(parse.GetValue(version) is { } v ? $" v{v}" : "")}",
                _ => project.Store.LoadDatasetAsync(project.Name, parse.GetValue(version), cancellationToken)).ConfigureAwait(false);
            var options = ProjectEda.Options(project);
            var input = ProjectEda.Input(project, info);
            var report = await context.StepAsync($"Profiling {table.RowCount:N0} rows x {table.ColumnCount} columns", progress => Task.Run(() =>
                EdaAnalyzer.Analyze(table, input, options, progress: new ImmediateProgress<EdaProgress>(p => progress.Report(Bar(p))), cancellationToken: cancellationToken), cancellationToken)).ConfigureAwait(false);
            var store = new ReportStore(project.Directory);
            var folder = await context.StepAsync("Rendering HTML, Markdown and JSON", async _ =>
            {
                var saved = await store.SaveAsync(report, cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(output) is { } dir)
                {
                    await ReportStore.WriteAsync(report, dir, cancellationToken).ConfigureAwait(false);
                }

                return saved;
            }).ConfigureAwait(false);
            var files = new { html = Path.Combine(folder, "report.html"), markdown = Path.Combine(folder, "report.md"), json = Path.Combine(folder, "report.json") };
            if (context.Json)
            {
                context.WriteJson(new { report.Manifest, folder, files, warnings = report.Warnings, output = parse.GetValue(output) is { } o ? Path.GetFullPath(o) : null });
                return 0;
            }

            context.Out.MarkupLineInterpolated($"Report [bold]{report.Manifest.ReportId}[/] of {info.Name} v{info.Version}: {ChartNumber.Format(report.Manifest.Rows)} rows x {report.Manifest.Columns} columns in {report.Manifest.Seconds.ToString("F2", CultureInfo.InvariantCulture)} s");
            foreach (var w in report.Warnings)
            {
                context.Out.MarkupLineInterpolated($"  [yellow]{w.Kind}[/] {w.Column}: {w.Message}");
            }

            context.Out.WriteLine($"HTML:     {files.html}");
            context.Out.WriteLine($"Markdown: {files.markdown}");
            context.Out.WriteLine($"JSON:     {files.json}");
            return 0;
        }));

        var list = new Command("list", "The stored EDA reports, newest first.");
        list.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            var store = new ReportStore(Path.GetFullPath(CliApp.ProjectDir(parse)));
            var reports = await store.ListAsync(cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(new { reports });
                return 0;
            }

            if (reports.Count == 0)
            {
                context.Out.WriteLine("No EDA reports yet. Run 'sextant eda' to create one.");
                return 0;
            }

            var table = new Table();
            foreach (var h in new[] { "id", "dataset", "version", "rows", "columns", "created", "path" })
            {
                table.AddColumn(h);
            }

            foreach (var m in reports)
            {
                table.AddRow(m.ReportId, Markup.Escape(m.Dataset), m.DatasetVersion.ToString(CultureInfo.InvariantCulture), ChartNumber.Format(m.Rows), ChartNumber.Format(m.Columns),
                    m.CreatedAt.ToString("u", CultureInfo.InvariantCulture), Markup.Escape(Path.Combine(store.Root, m.ReportId, "report.html")));
            }

            context.Out.Write(table);
            return 0;
        }));
        command.Add(list);
        return command;
    }

    private static string Bar(EdaProgress p)
    {
        const int width = 20;
        var filled = p.Total == 0 ? width : p.Done * width / p.Total;
        return $"{p.Stage,-8} [{new string('#', filled)}{new string('.', width - filled)}] {p.Done}/{p.Total}";
    }
}
