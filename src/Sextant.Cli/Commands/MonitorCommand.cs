using System.CommandLine;
using System.Globalization;
using Sextant.Monitoring.Alerts;
using Sextant.Monitoring.Checks;
using Sextant.Monitoring.Drift;
using Spectre.Console;

namespace Sextant.Cli.Commands;

/// <summary><c>sextant monitor</c>: runs a monitoring check now and shows the drift per feature and what happened to alerts.</summary>
internal static class MonitorCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var version = new Option<int?>("--version") { Description = "The model version to check (default: monitoring.alias's version, else the newest)." };
        var alias = new Option<string?>("--alias") { Description = "Check the version this alias points to (e.g. prod)." };
        var since = new Option<string?>("--since") { Description = "Only predictions at or after this time (ISO date or date-time, UTC)." };
        var until = new Option<string?>("--until") { Description = "Only predictions before this time." };
        var last = new Option<int?>("--last") { Description = "Only the newest N predictions (after --since/--until)." };
        var command = new Command("monitor", "Check the logged predictions for drift against the version's training rows now; opens, updates or resolves alerts. Without --since/--until/--last the window is monitoring.window.")
        {
            version, alias, since, until, last,
        };
        command.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            await using var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var request = MonitoringCheckRequest.Parse(parse.GetValue(version), parse.GetValue(alias), parse.GetValue(since), parse.GetValue(until), parse.GetValue(last));
            var result = await MonitoringCheck.RunAsync(project, request, cancellationToken: cancellationToken).ConfigureAwait(false);
            await AlertsCommand.DeliverAsync(context, project, result.Alerts, cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(result);
            }
            else
            {
                Print(context, result);
            }

            return 0;
        }));
        return command;
    }

    private static void Print(CliContext context, MonitoringCheckResult result)
    {
        var drift = result.Drift;
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Model} v{result.Version}{(result.Alias is { } a ? $" ({a})" : "")}: {result.WindowRows} predictions ({result.Window}; {result.First:u} .. {result.Last:u}) against {drift.ReferenceRows} reference rows"));
        if (drift.Status == DriftCheckStatus.NotEnoughData)
        {
            context.Out.WriteLine(drift.Message);
        }
        else
        {
            PrintDrift(context, drift);
        }

        if (result.Performance is { } performance)
        {
            context.Out.WriteLine((performance.Degraded.Count > 0 ? "PERFORMANCE: " : "Performance: ") + performance.Message);
            if (performance.Estimated.Count > 0)
            {
                context.Out.WriteLine("Estimated from the probabilities (CBPE, all predictions of the window): " +
                    string.Join(", ", performance.Estimated.Select(kv => $"{kv.Key} {Number(kv.Value)}")));
            }
        }

        foreach (var change in result.Alerts)
        {
            context.Out.WriteLine(AlertsCommand.Describe(change));
        }
    }

    private static void PrintDrift(CliContext context, DriftReport drift)
    {
        var table = new Table().AddColumns("feature", "kind", "method", "score", "threshold", "drifted", "PSI", "missing ref -> now");
        foreach (var feature in drift.Prediction is { } p ? [.. drift.Features, p] : drift.Features)
        {
            table.AddRow(
                Markup.Escape(feature.Name),
                AlertNames.Of(feature.Kind),
                AlertNames.Of(feature.Method),
                Number(feature.PValue ?? feature.Score) + (feature.PValue is null ? "" : " (p)"),
                Number(feature.Threshold),
                feature.Note is { } note ? Markup.Escape(note) : feature.Drifted ? "[red]DRIFT[/]" : "no",
                Number(feature.Psi) + $" ({AlertNames.Of(feature.PsiBand)})",
                string.Create(CultureInfo.InvariantCulture, $"{feature.ReferenceMissingShare:P1} -> {feature.CurrentMissingShare:P1}"));
        }

        context.Out.Write(table);
        context.Out.WriteLine((drift.DatasetDrift ? "DATASET DRIFT: " : "") + drift.Message);
    }

    private static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
