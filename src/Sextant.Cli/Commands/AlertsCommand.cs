using System.CommandLine;
using System.Globalization;
using Sextant.Monitoring.Alerts;
using Sextant.Registry;
using Spectre.Console;

namespace Sextant.Cli.Commands;

/// <summary><c>sextant alerts list|ack|resolve</c>: the project's monitoring alerts.</summary>
internal static class AlertsCommand
{
    private static readonly HttpClient s_http = new();

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var all = new Option<bool>("--all") { Description = "Resolved alerts too." };
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first.", DefaultValueFactory = _ => 100 };
        var list = new Command("list", "The model's active alerts (open or acknowledged), newest first.") { all, limit };
        list.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            await using var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var alerts = await project.Metadata.ListAlertsAsync(project.Name, parse.GetValue(all), Math.Max(1, parse.GetValue(limit)), cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(new { model = project.Name, alerts });
                return 0;
            }

            if (alerts.Count == 0)
            {
                context.Out.WriteLine(parse.GetValue(all) ? "No alerts." : "No active alerts.");
                return 0;
            }

            var table = new Table().AddColumns("id", "kind", "severity", "state", "version", "opened", "updated", "seen", "features", "message");
            foreach (var alert in alerts)
            {
                table.AddRow(
                    alert.Id.ToString(CultureInfo.InvariantCulture), AlertNames.Of(alert.Kind), AlertNames.Of(alert.Severity),
                    AlertNames.Of(alert.State) + (alert.AcknowledgedBy is { } by && alert.State == AlertState.Acknowledged ? $" ({Markup.Escape(by)})" : ""),
                    alert.Version is { } v ? $"v{v}" : "", alert.OpenedAt.ToString("u", CultureInfo.InvariantCulture), alert.UpdatedAt.ToString("u", CultureInfo.InvariantCulture),
                    alert.Occurrences.ToString(CultureInfo.InvariantCulture), Markup.Escape(string.Join(", ", alert.Features)), Markup.Escape(alert.Message));
            }

            context.Out.Write(table);
            return 0;
        }));

        var command = new Command("alerts", "Monitoring alerts: list, acknowledge, resolve.") { list, Change("ack", "Acknowledge an open alert: later checks still update it.", AlertState.Acknowledged, stdout, stderr) };
        command.Add(Change("resolve", "Resolve an alert; the next finding of its kind opens a new one.", AlertState.Resolved, stdout, stderr));
        return command;
    }

    /// <summary>Posts alert changes to the project's webhook, if one is configured; failures are warnings on stderr, never errors.</summary>
    public static async Task DeliverAsync(CliContext context, Sextant.Projects.SextantProject project, IReadOnlyList<AlertChange> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0 || AlertWebhook.For(project, s_http) is not { } webhook)
        {
            return;
        }

        foreach (var delivery in await webhook.DeliverAsync(changes, cancellationToken).ConfigureAwait(false))
        {
            if (!delivery.Delivered)
            {
                context.Stderr.WriteLine($"warning: alert {delivery.Change.Alert.Id} ({AlertNames.Of(delivery.Change.Change)}) was not delivered to the webhook after {delivery.Attempts} attempt(s): {delivery.Error}");
            }
        }
    }

    /// <summary>One line for an alert change, e.g. <c>alert 3 opened: data_drift (critical) ...</c>.</summary>
    public static string Describe(AlertChange change) => string.Create(CultureInfo.InvariantCulture,
        $"alert {change.Alert.Id} {AlertNames.Of(change.Change)}: {AlertNames.Of(change.Alert.Kind)} ({AlertNames.Of(change.Alert.Severity)}, {AlertNames.Of(change.Alert.State)}, seen {change.Alert.Occurrences}x): {change.Alert.Message}");

    private static Command Change(string name, string description, AlertState state, TextWriter stdout, TextWriter stderr)
    {
        var id = new Argument<long>("id") { Description = "The alert id (see 'sextant alerts list')." };
        var command = new Command(name, description) { id };
        command.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            await using var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var alertId = parse.GetValue(id);
            var change = await project.Metadata.SetAlertStateAsync(alertId, state, ModelRegistry.CurrentActor(), cancellationToken).ConfigureAwait(false);
            await DeliverAsync(context, project, change is null ? [] : [change], cancellationToken).ConfigureAwait(false);
            var alert = change?.Alert ?? (await project.Metadata.GetAlertAsync(alertId, cancellationToken).ConfigureAwait(false))!;
            if (context.Json)
            {
                context.WriteJson(new { changed = change is not null, alert });
            }
            else
            {
                context.Out.WriteLine(change is null ? $"alert {alertId} was already {AlertNames.Of(state)}." : Describe(change));
            }

            return 0;
        }));
        return command;
    }
}
