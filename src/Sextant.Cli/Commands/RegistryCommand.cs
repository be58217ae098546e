using System.CommandLine;
using System.Globalization;
using Sextant.Projects;
using Sextant.Registry;
using Spectre.Console;

namespace Sextant.Cli.Commands;

internal static class RegistryCommand
{
    /// <summary>Every registry subcommand on the project's forecast model (<c>PROJECT_forecast</c>) instead of its tabular model.</summary>
    private static readonly Option<bool> s_forecast = new("--forecast")
    {
        Description = "The project's forecast versions (PROJECT_forecast, registered by 'sextant forecast --register') instead of its tabular model.",
        Recursive = true,
    };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var list = new Command("list", "List the model's versions with their aliases.");
        list.SetAction(CliApp.Handler(stdout, stderr, (context, parse, cancellationToken) => ShowAsync(context, parse, null, cancellationToken)));

        var showVersion = new Argument<int?>("version") { Description = "A version to show in detail (default: the overview).", Arity = ArgumentArity.ZeroOrOne };
        var show = new Command("show", "The registry of the project's model: aliases, versions, and with VERSION its lineage and promotion decisions.") { showVersion };
        show.SetAction(CliApp.Handler(stdout, stderr, (context, parse, cancellationToken) => ShowAsync(context, parse, parse.GetValue(showVersion), cancellationToken)));

        var version = new Argument<int>("version") { Description = "The model version." };
        var to = new Option<string>("--to") { Description = "The alias to move, e.g. staging or prod.", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why; stored in the history." };
        var force = new Option<bool>("--force") { Description = "Move the alias even if the gate fails (recorded as forced)." };
        var promote = new Command("promote", "Run the promotion gate against the alias's current version and move the alias if it passes (exit 3 if refused).") { version, to, reason, force };
        promote.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            await using var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var alias = parse.GetValue(to)!;
            var outcome = await context.StepAsync($"Promotion gate for '{alias}'", _ => new ModelRegistry(project, forecast: parse.GetValue(s_forecast)).PromoteAsync(
                parse.GetValue(version), alias, ModelRegistry.CurrentActor(), parse.GetValue(reason), parse.GetValue(force), cancellationToken)).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(outcome);
            }
            else
            {
                PrintDecision(context, outcome);
            }

            return outcome.Event is null ? 3 : 0;
        }));

        var alias = new Option<string>("--alias") { Description = "The alias to roll back.", Required = true };
        var steps = new Option<int>("--steps") { Description = "How many changes to undo.", DefaultValueFactory = _ => 1 };
        var rollback = new Command("rollback", "Move an alias back to the version it held before its last change; repeatable back through history.") { alias, steps, reason };
        rollback.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            await using var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var events = await new ModelRegistry(project, forecast: parse.GetValue(s_forecast)).RollbackAsync(parse.GetValue(alias)!, ModelRegistry.CurrentActor(), parse.GetValue(steps), parse.GetValue(reason), cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(new { alias = parse.GetValue(alias), version = events[^1].ToVersion, events });
                return 0;
            }

            foreach (var e in events)
            {
                context.Out.WriteLine($"'{e.Alias}': v{e.FromVersion} -> v{e.ToVersion} (event {e.Id}, undoes event {e.UndoesEventId})");
            }

            return 0;
        }));

        var historyAlias = new Option<string?>("--alias") { Description = "Only this alias." };
        var at = new Option<string?>("--at") { Description = "Answer which version each alias pointed to at this time (ISO date or date-time, UTC)." };
        var history = new Command("history", "The append-only history of alias changes: from, to, when, who, why and the gate result.") { historyAlias, at };
        history.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            await using var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var events = await project.Metadata.AliasHistoryAsync(Model(project, parse), parse.GetValue(historyAlias), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(at) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
                {
                    throw new SextantException($"--at '{text}' is not a date or date-time; use e.g. 2026-11-23 or 2026-11-23T14:30:00Z.");
                }

                var answer = events.Select(e => e.Alias).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                    .ToDictionary(a => a, a => ModelRegistry.VersionAt(events, a, moment));
                if (context.Json)
                {
                    context.WriteJson(new { at = moment, aliases = answer });
                    return 0;
                }

                foreach (var (name, v) in answer)
                {
                    context.Out.WriteLine($"{name}: {(v is null ? "not set yet" : $"v{v}")} at {moment:u}");
                }

                return 0;
            }

            if (context.Json)
            {
                context.WriteJson(new { model = Model(project, parse), events });
                return 0;
            }

            var decisions = (await project.Metadata.ListDecisionsAsync(Model(project, parse), cancellationToken).ConfigureAwait(false)).ToDictionary(d => d.Id);
            var table = new Table().AddColumns("event", "when", "alias", "change", "action", "who", "why", "gate");
            foreach (var e in events)
            {
                var gate = e.DecisionId is { } id && decisions.TryGetValue(id, out var decision)
                    ? string.Join(", ", decision.Criteria.Select(c => $"{c.Name} {(c.Passed ? "pass" : "FAIL")}"))
                    : "";
                table.AddRow(e.Id.ToString(CultureInfo.InvariantCulture), e.At.ToString("u", CultureInfo.InvariantCulture), Markup.Escape(e.Alias),
                    $"{(e.FromVersion is { } f ? $"v{f}" : "-")} -> v{e.ToVersion}", e.Action + (e.Forced ? " (forced)" : ""), Markup.Escape(e.Actor), Markup.Escape(e.Reason ?? ""), Markup.Escape(gate));
            }

            context.Out.Write(table);
            return 0;
        }));

        var pairs = new Argument<string[]>("tags") { Description = "KEY=VALUE pairs.", Arity = ArgumentArity.OneOrMore };
        var tag = new Command("tag", "Set tags on a version.") { version, pairs };
        tag.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            await using var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            foreach (var pair in parse.GetValue(pairs)!)
            {
                var kv = pair.Split('=', 2);
                if (kv.Length != 2 || kv[0].Length == 0)
                {
                    throw new SextantException($"Tag '{pair}' is not KEY=VALUE.");
                }

                await project.Metadata.SetVersionTagAsync(Model(project, parse), parse.GetValue(version), kv[0], kv[1], cancellationToken).ConfigureAwait(false);
            }

            context.Stderr.WriteLine($"Tagged v{parse.GetValue(version)}.");
            return 0;
        }));

        var description = new Argument<string>("text") { Description = "The description." };
        var describe = new Command("describe", "Set the description of a version.") { version, description };
        describe.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            await using var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            await project.Metadata.DescribeVersionAsync(Model(project, parse), parse.GetValue(version), parse.GetValue(description)!, cancellationToken).ConfigureAwait(false);
            context.Stderr.WriteLine($"Described v{parse.GetValue(version)}.");
            return 0;
        }));

        return new Command("registry", "The model registry: versions, aliases (staging, prod...), gated promotion, rollback and history.")
        {
            list, show, promote, rollback, history, tag, describe, s_forecast,
        };
    }

    private static string Model(Sextant.Projects.SextantProject project, ParseResult parse) =>
        parse.GetValue(s_forecast) ? Sextant.Forecasting.Registry.ForecastVersions.ModelName(project) : project.Name;

    public static void PrintDecision(CliContext context, PromotionOutcome outcome)
    {
        var d = outcome.Decision;
        var table = new Table().AddColumns("criterion", "result", "detail");
        foreach (var c in d.Criteria)
        {
            table.AddRow(Markup.Escape(c.Name), c.Passed ? "[green]pass[/]" : "[red]fail[/]", Markup.Escape(c.Detail));
        }

        context.Out.WriteLine($"Gate for v{d.CandidateVersion} -> '{d.Alias}' against {(d.ChampionVersion is { } c2 ? $"v{c2}" : "no current holder")}, on {d.EvaluatedOn}:");
        context.Out.Write(table);
        if (outcome.Event is null)
        {
            context.Out.MarkupLineInterpolated($"[red]{d.Reason}[/]");
        }
        else
        {
            context.Out.MarkupLineInterpolated($"[green]{d.Reason}[/]");
        }
    }

    private static async Task<int> ShowAsync(CliContext context, ParseResult parse, int? version, CancellationToken cancellationToken)
    {
        await using var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
        var versions = await project.Metadata.ListVersionsAsync(Model(project, parse), cancellationToken).ConfigureAwait(false);
        var aliases = await project.Metadata.GetAliasesAsync(Model(project, parse), cancellationToken).ConfigureAwait(false);
        if (version is { } v)
        {
            var info = versions.FirstOrDefault(x => x.Version == v)
                ?? throw new SextantException($"Model '{Model(project, parse)}' has no version {v}; versions: {string.Join(", ", versions.Select(x => x.Version))}.");
            var decisions = (await project.Metadata.ListDecisionsAsync(Model(project, parse), cancellationToken).ConfigureAwait(false)).Where(d => d.CandidateVersion == v).ToList();
            var held = aliases.Where(a => a.Value == v).Select(a => a.Key).ToList();
            if (context.Json)
            {
                context.WriteJson(new { model = Model(project, parse), version = info, aliases = held, decisions });
                return 0;
            }

            context.Out.WriteLine($"'{info.Name}' v{info.Version} ({info.Learner}), registered {info.CreatedAt:u} from run {info.RunId ?? "(untracked)"}, dataset v{info.DatasetVersion}");
            context.Out.WriteLine($"aliases: {(held.Count == 0 ? "none" : string.Join(", ", held))}; validation {(info.ValidationPassed ? "passed" : "FAILED (trained with --allow-invalid)")}; artifact sha256:{info.ArtifactSha256}");
            if (info.Description is not null)
            {
                context.Out.WriteLine($"description: {info.Description}");
            }

            context.Out.WriteLine("metrics: " + string.Join(", ", info.Metrics.Select(kv => $"{kv.Key} {kv.Value.ToString("G6", CultureInfo.InvariantCulture)}")));
            if (info.Tags.Count > 0)
            {
                context.Out.WriteLine("tags: " + string.Join(", ", info.Tags.Select(kv => $"{kv.Key}={kv.Value}")));
            }

            foreach (var d in decisions)
            {
                context.Out.WriteLine($"decision {d.Id} ({d.At:u}, {d.Actor}) for '{d.Alias}': {d.Reason}");
            }

            return 0;
        }

        if (context.Json)
        {
            context.WriteJson(new { model = Model(project, parse), store = project.Metadata.Location, aliases, versions });
            return 0;
        }

        var table = new Table().AddColumns("version", "aliases", "learner", "dataset", "registered", "metrics", "description");
        foreach (var x in versions)
        {
            table.AddRow(
                $"v{x.Version}",
                Markup.Escape(string.Join(", ", aliases.Where(a => a.Value == x.Version).Select(a => a.Key))),
                Markup.Escape(x.Learner),
                $"v{x.DatasetVersion}",
                x.CreatedAt.ToString("u", CultureInfo.InvariantCulture),
                string.Join(", ", x.Metrics.Take(4).Select(kv => $"{kv.Key} {kv.Value.ToString("G5", CultureInfo.InvariantCulture)}")),
                Markup.Escape(x.Description ?? ""));
        }

        context.Out.Write(table);
        context.Out.WriteLine($"Store: {project.Metadata.Location}");
        return 0;
    }
}
