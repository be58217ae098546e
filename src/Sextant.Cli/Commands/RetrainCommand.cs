using System.CommandLine;
using System.Globalization;
using Sextant.Monitoring.Retraining;
using Sextant.Registry;
using Spectre.Console;

namespace Sextant.Cli.Commands;

/// <summary><c>sextant retrain</c>: fresh data, a challenger, the promotion gate against the champion.</summary>
internal static class RetrainCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Option<string?>("--file") { Description = "A CSV or Parquet file of fresh data, instead of monitoring.retrain.source." };
        var alert = new Option<long?>("--alert") { Description = "The alert that prompted this retrain (recorded with the run and the decision)." };
        var anyRows = new Option<bool>("--ignore-min-new-rows") { Description = "Retrain even when the fresh data has fewer new rows than monitoring.retrain.min_new_rows." };
        var command = new Command("retrain", "Ingest fresh data, train a challenger and let the promotion gate decide whether it replaces the champion (monitoring.retrain).")
        {
            file, alert, anyRows,
        };
        command.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            await using var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var alertId = parse.GetValue(alert);
            var trigger = "manual";
            if (alertId is { } id)
            {
                var found = await project.Metadata.GetAlertAsync(id, cancellationToken).ConfigureAwait(false)
                    ?? throw new SextantException($"No alert {id}; see 'sextant alerts list --all'.");
                trigger = $"alert {id} ({Sextant.Monitoring.Alerts.AlertNames.Of(found.Kind)})";
            }

            var outcome = await context.StepAsync("Retraining", progress => Retrainer.RunAsync(project, new RetrainRequest
            {
                Trigger = trigger,
                AlertId = alertId,
                File = parse.GetValue(file),
                IgnoreMinNewRows = parse.GetValue(anyRows),
                Actor = ModelRegistry.CurrentActor(),
                Progress = progress,
            }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(outcome);
            }
            else
            {
                Print(context, outcome);
            }

            // Like 'train --promote': a challenger the gate kept exits 3, so scripts can tell.
            return outcome.Status == "kept" ? 3 : 0;
        }));
        return command;
    }

    private static void Print(CliContext context, RetrainOutcome o)
    {
        context.Out.WriteLine($"Fresh data: dataset v{o.DatasetVersion}, {o.Rows:N0} rows, {o.NewRows:N0} the champion was not trained on.");
        if (o.Status == "skipped")
        {
            context.Out.WriteLine("Skipped: " + o.Reason);
            return;
        }

        var metrics = o.ChampionMetric is { } champion
            ? string.Create(CultureInfo.InvariantCulture, $"{o.PrimaryMetric}: challenger {o.ChallengerMetric:G6} vs champion {champion:G6} on the same held-out rows")
            : string.Create(CultureInfo.InvariantCulture, $"{o.PrimaryMetric}: challenger {o.ChallengerMetric:G6} (no champion to compare with)");
        context.Out.WriteLine($"Challenger v{o.ChallengerVersion} vs champion {(o.ChampionVersion is { } c ? $"v{c}" : "none")} for '{o.Alias}': {metrics}.");
        context.Out.WriteLine((o.Status == "promoted" ? $"PROMOTED: '{o.Alias}' -> v{o.ChallengerVersion}. " : $"KEPT the champion. ") + o.Reason);
    }
}
