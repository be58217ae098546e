using System.CommandLine;
using System.Globalization;
using Sextant.Projects;
using Sextant.Tracking;
using Spectre.Console;

namespace Sextant.Cli.Commands;

internal static class RunsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var filter = new Option<string?>("--filter") { Description = "e.g. \"metrics.rmse < 300 AND (params.learner = 'gbm' OR tags.team IN ('a', 'b'))\"." };
        var orderBy = new Option<string?>("--order-by") { Description = "e.g. \"metrics.rmse ASC, start_time DESC\"." };
        var limit = new Option<int>("--limit") { Description = "Most runs to list.", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "List the project's tracked runs, filtered and ordered.") { filter, orderBy, limit };
        list.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            await using var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var runs = await project.Metadata.SearchRunsAsync(project.Name, parse.GetValue(filter), parse.GetValue(orderBy), parse.GetValue(limit), cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(new { project = project.Name, runs });
                return 0;
            }

            var metricKeys = runs.SelectMany(r => r.Metrics.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(6).ToList();
            var table = new Table().AddColumns("run", "name", "status", "started", "duration", "learner", "model");
            foreach (var key in metricKeys)
            {
                table.AddColumn(key);
            }

            foreach (var run in runs)
            {
                table.AddRow([
                    run.Id[..12], Markup.Escape(run.Name), run.Status.ToString().ToUpperInvariant(), run.StartTime.ToString("u", CultureInfo.InvariantCulture),
                    run.DurationMs is { } ms ? $"{ms / 1000:F1} s" : "", Markup.Escape(run.Learner ?? ""), run.ModelVersion is { } v ? $"v{v}" : "",
                    .. metricKeys.Select(k => run.Metrics.TryGetValue(k, out var m) ? F(m) : ""),
                ]);
            }

            context.Out.Write(table);
            context.Out.WriteLine($"{runs.Count} run(s).");
            return 0;
        }));

        var id = new Argument<string>("run") { Description = "A run id or a unique prefix of one." };
        var show = new Command("show", "Show everything a run recorded.") { id };
        show.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            await using var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var run = await FindAsync(project, parse.GetValue(id)!, cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(run);
                return 0;
            }

            context.Out.WriteLine($"Run {run.Id} '{run.Name}': {run.Status.ToString().ToUpperInvariant()}, started {run.StartTime:u}" + (run.DurationMs is { } ms ? $", {ms / 1000:F1} s" : ""));
            context.Out.WriteLine($"Dataset v{run.DatasetVersion} ({run.DatasetFingerprint}), code {run.CodeVersion ?? "(not a git repository)"}, model {(run.ModelVersion is { } v ? $"v{v}" : "none")}");
            if (run.Error is not null)
            {
                context.Out.MarkupLineInterpolated($"[red]Error: {run.Error}[/]");
            }

            Section(context, "params", run.Params);
            Section(context, "metrics", run.Metrics.ToDictionary(kv => kv.Key, kv => F(kv.Value)));
            Section(context, "tags", run.Tags);
            Section(context, "artifacts", run.Artifacts);
            Section(context, "environment", run.Environment);
            return 0;
        }));

        var ids = new Argument<string[]>("runs") { Description = "Two or more run ids (or prefixes).", Arity = new ArgumentArity(2, 20) };
        var compare = new Command("compare", "Compare runs side by side: params and metrics, with each metric's change from the first run.") { ids };
        compare.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            await using var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var runs = new List<RunInfo>();
            foreach (var runId in parse.GetValue(ids)!)
            {
                runs.Add(await FindAsync(project, runId, cancellationToken).ConfigureAwait(false));
            }

            var baseline = runs[0];
            var metricKeys = runs.SelectMany(r => r.Metrics.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var paramKeys = runs.SelectMany(r => r.Params.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var differing = paramKeys.Where(k => runs.Select(r => r.Params.GetValueOrDefault(k)).Distinct(StringComparer.Ordinal).Count() > 1).ToList();
            if (context.Json)
            {
                context.WriteJson(new
                {
                    runs = runs.Select(r => r.Id),
                    metrics = metricKeys.ToDictionary(k => k, k => runs.Select(r => new
                    {
                        run = r.Id,
                        value = r.Metrics.TryGetValue(k, out var v) ? v : (double?)null,
                        delta = r.Metrics.TryGetValue(k, out var x) && baseline.Metrics.TryGetValue(k, out var b) ? x - b : (double?)null,
                    })),
                    @params = paramKeys.ToDictionary(k => k, k => runs.Select(r => r.Params.GetValueOrDefault(k))),
                    differing_params = differing,
                });
                return 0;
            }

            var table = new Table().AddColumn("");
            foreach (var r in runs)
            {
                table.AddColumn($"{r.Id[..12]} ({Markup.Escape(r.Name)})");
            }

            foreach (var k in metricKeys)
            {
                table.AddRow([$"metrics.{k}", .. runs.Select(r => r.Metrics.TryGetValue(k, out var v)
                    ? F(v) + (r == baseline || !baseline.Metrics.TryGetValue(k, out var b) ? "" : $" ({(v - b >= 0 ? "+" : "")}{F(v - b)})")
                    : "-")]);
            }

            foreach (var k in paramKeys)
            {
                var name = differing.Contains(k) ? $"[yellow]params.{Markup.Escape(k)}[/]" : $"params.{Markup.Escape(k)}";
                table.AddRow([name, .. runs.Select(r => Markup.Escape(r.Params.GetValueOrDefault(k) ?? "-"))]);
            }

            context.Out.Write(table);
            context.Out.WriteLine($"Deltas are against {baseline.Id[..12]}; params that differ are highlighted ({differing.Count}).");
            return 0;
        }));

        return new Command("runs", "Tracked training runs: list, show, compare.") { list, show, compare };
    }

    private static async Task<RunInfo> FindAsync(SextantProject project, string id, CancellationToken cancellationToken) =>
        await project.Metadata.GetRunAsync(id, cancellationToken).ConfigureAwait(false)
        ?? throw new SextantException($"No run '{id}' in {project.Metadata.Location}; see 'sextant runs list'.");

    private static void Section(CliContext context, string title, IReadOnlyDictionary<string, string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        context.Out.MarkupLine($"[bold]{title}[/]");
        foreach (var (key, value) in values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            context.Out.WriteLine($"  {key}: {value}");
        }
    }

    private static string F(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
