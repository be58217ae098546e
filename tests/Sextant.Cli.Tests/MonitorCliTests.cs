using System.Text.Json;
using Sextant.Core.Tests.Monitoring;
using Sextant.Core.Tests.Monitoring.Alerts;
using Sextant.Models;
using Sextant.Projects;

namespace Sextant.Cli.Tests;

/// <summary><c>sextant monitor</c> and <c>sextant alerts</c> on a trained sales project with logged traffic.</summary>
public sealed class MonitorCliTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset s_drifted = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_normal = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new("sextant-monitor-cli");

    private string Project => _folder.Combine("sales");

    public async Task InitializeAsync()
    {
        (await Cli.RunAsync("init", Project, "--example", "sales", "--rows", "900")).ShouldExit(0);
        (await Cli.RunAsync("ingest", "-p", Project)).ShouldExit(0);
        (await Cli.RunAsync("train", "-p", Project)).ShouldExit(0);
        await using var project = await SextantProject.OpenAsync(Project);
        var predictor = await ModelLoader.LoadAsync(project);
        await SalesTraffic.LogAsync(project, predictor, await SalesTraffic.RecordsAsync(project, 500, seed: 1, drifted: true), s_drifted);
        await SalesTraffic.LogAsync(project, predictor, await SalesTraffic.RecordsAsync(project, 500, seed: 2, drifted: false), s_normal);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Dispose();

    private async Task<JsonElement> JsonAsync(params string[] args) =>
        (await Cli.RunAsync([.. args, "-p", Project, "--format", "json"])).ShouldExit(0).Json();

    private static IEnumerable<string> Kinds(JsonElement alerts) => alerts.EnumerateArray().Select(a => a.GetProperty("kind").GetString()!);

    [Fact]
    public async Task Monitor_DriftedWindow_OpensAlerts_AlertsAckAndResolveThem_NormalWindowRaisesNothing()
    {
        var text = (await Cli.RunAsync("monitor", "-p", Project, "--since", "2026-12-07T09:00:00Z", "--until", "2026-12-07T10:00:00Z")).ShouldExit(0);
        Assert.Contains("sales v1: 500 predictions", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("DATASET DRIFT: dataset drift:", text.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"PRICEEACH\s*│\s*numeric\s*│\s*ks\s*│[^\n]*DRIFT", text.Stdout);
        Assert.Contains("alert 1 opened: data_drift (critical, open, seen 1x)", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("alert 2 opened: prediction_drift", text.Stdout, StringComparison.Ordinal);

        var again = await JsonAsync("monitor", "--since", "2026-12-07T09:00:00Z", "--until", "2026-12-07T10:00:00Z");
        Assert.True(again.GetProperty("drift").GetProperty("dataset_drift").GetBoolean());
        Assert.Equal(["updated", "updated"], again.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("change").GetString()));

        var listed = (await JsonAsync("alerts", "list")).GetProperty("alerts");
        Assert.Equal(["prediction_drift", "data_drift"], Kinds(listed));
        Assert.All(listed.EnumerateArray(), a => Assert.Equal(2, a.GetProperty("occurrences").GetInt32()));

        var ack = await JsonAsync("alerts", "ack", "1");
        Assert.Equal("acknowledged", ack.GetProperty("alert").GetProperty("state").GetString());
        Assert.Contains("alert 2 resolved: prediction_drift", (await Cli.RunAsync("alerts", "resolve", "2", "-p", Project)).ShouldExit(0).Stdout, StringComparison.Ordinal);
        Assert.Equal(["data_drift"], Kinds((await JsonAsync("alerts", "list")).GetProperty("alerts")));
        var unknown = (await Cli.RunAsync("alerts", "ack", "99", "-p", Project)).ShouldExit(1);
        Assert.Contains("No alert 99", unknown.Stderr, StringComparison.Ordinal);

        // Normal traffic: nothing drifts at the dataset level and the acknowledged data_drift alert is resolved.
        var normal = await JsonAsync("monitor", "--since", "2026-12-07T12:00:00Z", "--last", "400");
        Assert.Equal(400, normal.GetProperty("window_rows").GetInt32());
        Assert.False(normal.GetProperty("drift").GetProperty("dataset_drift").GetBoolean());
        Assert.Equal([("data_drift", "resolved")], normal.GetProperty("alerts").EnumerateArray().Select(a => (a.GetProperty("alert").GetProperty("kind").GetString(), a.GetProperty("change").GetString())));
        Assert.Empty((await JsonAsync("alerts", "list")).GetProperty("alerts").EnumerateArray());
        Assert.Equal(2, (await JsonAsync("alerts", "list", "--all")).GetProperty("alerts").GetArrayLength());
    }

    [Fact]
    public async Task MonitorAndAck_WithAWebhook_PostEachAlertChange_AndAnUnreachableWebhookIsAWarning()
    {
        using var receiver = new WebhookReceiver(System.Net.HttpStatusCode.ServiceUnavailable);
        var yaml = Path.Combine(Project, "sextant.yaml");
        var original = await File.ReadAllTextAsync(yaml);
        await File.WriteAllTextAsync(yaml, original.Replace("monitoring:\n", $"monitoring:\n  webhook: {{url: \"{receiver.Url}\", retries: 2}}\n", StringComparison.Ordinal));

        (await Cli.RunAsync("monitor", "-p", Project, "--since", "2026-12-07T09:00:00Z", "--until", "2026-12-07T10:00:00Z")).ShouldExit(0);
        (await Cli.RunAsync("alerts", "ack", "1", "-p", Project)).ShouldExit(0);

        // The first post was answered 503 and retried.
        Assert.Equal(4, receiver.Received.Count);
        Assert.Equal(["alert_opened", "alert_opened", "alert_acknowledged"], receiver.Accepted.Select(e => e.GetProperty("event").GetString()));
        Assert.Equal("data_drift", receiver.Accepted[0].GetProperty("alert").GetProperty("kind").GetString());

        await File.WriteAllTextAsync(yaml, original.Replace("monitoring:\n", "monitoring:\n  webhook: {url: \"http://127.0.0.1:9/none\", retries: 0, timeout_seconds: 2}\n", StringComparison.Ordinal));
        var unreachable = (await Cli.RunAsync("alerts", "resolve", "1", "-p", Project)).ShouldExit(0);
        Assert.Contains("warning: alert 1 (resolved) was not delivered to the webhook after 1 attempt(s)", unreachable.Stderr, StringComparison.Ordinal);
        Assert.Contains("alert 1 resolved", unreachable.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_BadInput_IsAClearErrorAndChangesNothing()
    {
        var empty = (await Cli.RunAsync("monitor", "-p", Project, "--since", "2027-01-01")).ShouldExit(1);
        Assert.Contains("No logged predictions in the window (sales v1, since 2027-01-01 00:00:00Z)", empty.Stderr, StringComparison.Ordinal);
        var badTime = (await Cli.RunAsync("monitor", "-p", Project, "--until", "yesterday")).ShouldExit(1);
        Assert.Contains("--until 'yesterday' is not a date", badTime.Stderr, StringComparison.Ordinal);
        var badVersion = (await Cli.RunAsync("monitor", "-p", Project, "--version", "7")).ShouldExit(1);
        Assert.Contains("has no version 7", badVersion.Stderr, StringComparison.Ordinal);

        var yaml = Path.Combine(Project, "sextant.yaml");
        var original = await File.ReadAllTextAsync(yaml);
        await File.WriteAllTextAsync(yaml, original.Replace("  features: {}", "  features:\n    DISCOUNT: {method: psi}", StringComparison.Ordinal));
        var unknownFeature = (await Cli.RunAsync("monitor", "-p", Project, "--since", "2026-12-07")).ShouldExit(1);
        Assert.Contains("'monitoring.features.DISCOUNT': no feature 'DISCOUNT'", unknownFeature.Stderr, StringComparison.Ordinal);
        await File.WriteAllTextAsync(yaml, original.Replace("monitoring:\n", "monitoring:\n  schedule: \"every 5 minutes\"\n", StringComparison.Ordinal));
        var cron = (await Cli.RunAsync("monitor", "-p", Project, "--since", "2026-12-07")).ShouldExit(1);
        Assert.Contains("'monitoring.schedule' is not a cron expression", cron.Stderr, StringComparison.Ordinal);
        await File.WriteAllTextAsync(yaml, original);

        Assert.Equal(0, (await JsonAsync("alerts", "list", "--all")).GetProperty("alerts").GetArrayLength());
    }
}
