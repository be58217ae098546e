using System.CommandLine;
using System.Globalization;
using Sextant.Pipelines;
using Spectre.Console;

namespace Sextant.Cli.Commands;

internal static class MetricsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var a = new Argument<string?>("a") { Description = "The old side: a run id (or prefix), vN, lock, lock:STAGE or a lock file (default: the second-latest run).", Arity = ArgumentArity.ZeroOrOne };
        var b = new Argument<string?>("b") { Description = "The new side, the same kinds (default: the latest run).", Arity = ArgumentArity.ZeroOrOne };
        var diff = new Command("diff", "Compare the metrics of two runs, model versions or pipeline lock states (like dvc metrics diff).") { a, b };
        diff.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            await using var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var (old, @new) = await MetricsDiff.ResolveAsync(project, parse.GetValue(a), parse.GetValue(b), cancellationToken).ConfigureAwait(false);
            var changes = MetricsDiff.Compare(old, @new);
            if (context.Json)
            {
                context.WriteJson(new
                {
                    old = old.Source,
                    @new = @new.Source,
                    metrics = changes.Select(c => new { metric = c.Metric, old = c.Old, @new = c.New, change = c.Change, relative_change = c.RelativeChange }),
                });
                return 0;
            }

            var table = new Table().AddColumns("metric", Markup.Escape(old.Source), Markup.Escape(@new.Source), "change", "change %");
            foreach (var c in changes)
            {
                table.AddRow(Markup.Escape(c.Metric), F(c.Old), F(c.New), c.Change is { } d ? (d > 0 ? "+" : "") + F(d) : "-",
                    c.RelativeChange is { } r ? (r > 0 ? "+" : "") + (r * 100).ToString("F2", CultureInfo.InvariantCulture) + "%" : "-");
            }

            context.Out.Write(table);
            return 0;
        }));
        return new Command("metrics", "Metrics of runs, versions and pipeline states.") { diff };
    }

    private static string F(double? v) => v is { } x ? x.ToString("G6", CultureInfo.InvariantCulture) : "-";
}
