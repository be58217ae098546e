using System.CommandLine;
using Sextant.Pipelines;
using Spectre.Console;

namespace Sextant.Cli.Commands;

internal static class PipelineCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var targets = new Argument<string[]>("stages") { Description = "Run only these stages and what they depend on (default: all).", Arity = ArgumentArity.ZeroOrMore };
        var force = new Option<string[]>("--force") { Description = "Run this stage even if it is up to date (repeatable).", AllowMultipleArgumentsPerToken = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Say what would run and why; run nothing, write nothing." };
        var run = new Command("run", "Run the pipeline's stages in dependency order, skipping those whose inputs and outputs match sextant.lock (exit 1 when a stage fails).") { targets, force, dryRun };
        run.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            await using var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var result = await PipelineRunner.RunAsync(project, new PipelineRunOptions
            {
                Targets = parse.GetValue(targets) ?? [],
                Force = parse.GetValue(force) ?? [],
                DryRun = parse.GetValue(dryRun),
                Progress = new ImmediateProgress<PipelineEvent>(e => ReportProgress(context, e)),
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
            Write(context, result, parse.GetValue(dryRun) ? "would run" : "ran");
            return result.Succeeded ? 0 : 1;
        }));

        var status = new Command("status", "What is stale and why (which input changed), without running anything.");
        status.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            await using var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var result = await PipelineRunner.StatusAsync(project, cancellationToken).ConfigureAwait(false);
            Write(context, result, "stale");
            return 0;
        }));

        return new Command("pipeline", "Reproducible pipelines: stages declared under pipeline.stages in sextant.yaml, cached by content hash in sextant.lock.") { run, status };
    }

    private static void ReportProgress(CliContext context, PipelineEvent e)
    {
        var head = $"[{e.Index}/{e.Count}] {e.Stage}";
        switch (e.Outcome)
        {
            case StageOutcome.UpToDate:
                context.Err.MarkupLineInterpolated($"[grey]{head}: {e.Message}[/]");
                break;
            case StageOutcome.Failed:
                context.Err.MarkupLineInterpolated($"[red]{head}: {e.Message}[/]");
                break;
            case StageOutcome.Ran:
                context.Err.MarkupLineInterpolated($"[green]{head}: {e.Message}[/]");
                break;
            case null when e.Message.StartsWith("running", StringComparison.Ordinal):
                context.Err.MarkupLineInterpolated($"[blue]{head}: {e.Message}[/]");
                break;
            case null:
                context.Err.MarkupLineInterpolated($"[grey]  {e.Message}[/]");
                break;
            default:
                context.Err.MarkupLineInterpolated($"{head}: {e.Message}");
                break;
        }
    }

    private static void Write(CliContext context, PipelineRunResult result, string staleWord)
    {
        if (context.Json)
        {
            context.WriteJson(new
            {
                @lock = result.Lock,
                succeeded = result.Succeeded,
                stale = result.Stages.Where(s => s.Outcome == StageOutcome.Stale).Select(s => s.Name),
                stages = result.Stages,
            });
            return;
        }

        var table = new Table().AddColumns("stage", "kind", "status", "why / what");
        foreach (var s in result.Stages)
        {
            var status = s.Outcome switch
            {
                StageOutcome.UpToDate => "up to date",
                StageOutcome.Stale => staleWord,
                StageOutcome.Ran => "ran",
                StageOutcome.Failed => "[red]FAILED[/]",
                _ => "not run",
            };
            var detail = s.Outcome switch
            {
                StageOutcome.Failed => s.Error ?? "",
                StageOutcome.Ran or StageOutcome.UpToDate => s.Summary ?? "",
                _ => string.Join("; ", s.Reasons),
            };
            table.AddRow(Markup.Escape(s.Name), s.Kind, status, Markup.Escape(detail));
        }

        context.Out.Write(table);
        var counts = result.Stages.GroupBy(s => s.Outcome).Select(g => $"{g.Count()} {(g.Key == StageOutcome.Stale ? staleWord : g.Key.ToString().ToLowerInvariant() switch { "uptodate" => "up to date", "notrun" => "not run", var k => k })}");
        context.Out.WriteLine($"{string.Join(", ", counts)}. Lock: {result.Lock}");
    }
}
