using System.Net;
using System.Text;
using System.Text.Json;
using Sextant.Core.Tests.Monitoring.Alerts;
using Sextant.Projects;

namespace Sextant.Cli.Tests;

/// <summary>
/// The whole loop with real processes (issue 13's "done when"): the sales example served as a separate
/// <c>sextant serve</c> process holding 'prod', traffic and labels from <c>sextant traffic</c>. Normal traffic raises
/// nothing and its labels give a realised RMSE; drifted traffic opens a data-drift alert (the table, /metrics and the
/// webhook); the alert retrains the model inside the server on fresh data, the gate promotes the challenger and the
/// running server answers with it, while a steady client sees no failed request; a second retrain that the gate
/// refuses leaves the server where it was.
/// </summary>
public sealed class MonitoringLoopProcessTests : IDisposable
{
    private const string AdminKey = "loop-admin-key";
    private readonly TempFolder _folder = new("sextant-monitoring-loop");
    private readonly WebhookReceiver _webhook = new();

    private string Project => _folder.Combine("sales");

    public void Dispose()
    {
        _webhook.Dispose();
        _folder.Dispose();
    }

    private async Task ConfigureAsync(Func<ProjectConfig, ProjectConfig> change)
    {
        var yaml = Path.Combine(Project, "sextant.yaml");
        await File.WriteAllTextAsync(yaml, ProjectWriter.ToYaml(change(ProjectFile.Parse(await File.ReadAllTextAsync(yaml), yaml))));
    }

    [Fact]
    public async Task ServeDriftAlertRetrainPromote_TheRunningServerAnswersWithTheChallenger_WithoutAFailedRequest()
    {
        (await Cli.RunAsync("init", Project, "--example", "sales", "--rows", "1500")).ShouldExit(0);
        await ConfigureAsync(c => c with
        {
            Training = c.Training with { Candidates = [new CandidateConfig { Learner = "gbm" }] },
            Monitoring = c.Monitoring with
            {
                Alias = "prod",
                Window = new MonitoringWindowConfig { Duration = "none", Last = 400 },
                Webhook = new WebhookConfig { Url = _webhook.Url, Retries = 1 },
                Performance = new PerformanceConfig { MinLabels = 100 },
                // Fresh data: the project's whole file (data.path); the champion saw its first 300 rows.
                Retrain = new RetrainConfig { Source = "file", Kinds = ["data_drift"], Cooldown = "1h", MinNewRows = 500 },
            },
        });
        var small = _folder.Combine("first-300.csv");
        await File.WriteAllLinesAsync(small, (await File.ReadAllLinesAsync(Path.Combine(Project, "data", "sales_data_sample.csv"))).Take(301));
        (await Cli.RunAsync("ingest", "-p", Project, "--file", small)).ShouldExit(0);
        (await Cli.RunAsync("train", "-p", Project, "--promote", "prod")).ShouldExit(0);

        await using var server = await ServeProcess.StartAsync(new Dictionary<string, string> { ["SEXTANT_ADMIN_KEYS"] = AdminKey }, "-p", Project, "--alias", "prod");
        using var client = new HttpClient { BaseAddress = server.Url };
        using var steady = new SteadyClient(server.Url);
        var url = server.Url.ToString();

        // Normal traffic with its labels: no drift, a realised RMSE from the labels.
        (await Cli.RunAsync("traffic", "-p", Project, "--url", url, "--count", "400", "--feedback", "--seed", "2")).ShouldExit(0);
        var normal = await CheckAsync(client);
        Assert.False(normal.GetProperty("drift").GetProperty("dataset_drift").GetBoolean(), normal.GetProperty("drift").GetProperty("message").GetString());
        var performance = normal.GetProperty("performance");
        Assert.Equal("checked", performance.GetProperty("status").GetString());
        Assert.True(performance.GetProperty("labelled_rows").GetInt32() >= 100);
        Assert.True(performance.GetProperty("metrics").GetProperty("rmse").GetDouble() > 0);
        Assert.DoesNotContain("data_drift", await AlertKindsAsync(client));

        // Drifted traffic: a data-drift alert in the table, in /metrics and at the webhook; it retrains in the server.
        var drifted = await Cli.RunAsync("traffic", "-p", Project, "--url", url, "--count", "400", "--seed", "3",
            "--drift", "QUANTITYORDERED=*1.4", "--drift", "PRICEEACH=*1.4", "--drift", "MSRP=*1.4", "--drift", "COUNTRY=USA", "--drift", "DEALSIZE=Large");
        drifted.ShouldExit(0);
        Assert.Contains("drifted: QUANTITYORDERED=*1.4", drifted.Stdout, StringComparison.Ordinal);
        var check = await CheckAsync(client);
        Assert.True(check.GetProperty("drift").GetProperty("dataset_drift").GetBoolean(), check.GetProperty("drift").GetProperty("message").GetString());
        Assert.Contains("data_drift", await AlertKindsAsync(client));
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("sextant_dataset_drift{version=\"1\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("sextant_monitoring_alerts{kind=\"data_drift\",state=\"open\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains(_webhook.Accepted, e => e.GetProperty("event").GetString() == "alert_opened" && e.GetProperty("alert").GetProperty("kind").GetString() == "data_drift");

        // The retrain started by the alert promotes the challenger; the server's alias watcher hot-reloads it.
        using (var wait = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
        {
            while (await ServedVersionAsync(client) != 2)
            {
                await Task.Delay(250, wait.Token);
            }
        }

        var decisions = await ReadAsync(await client.GetAsync("/registry/decisions"));
        var decision = decisions.GetProperty("decisions").EnumerateArray().Last();
        Assert.True(decision.GetProperty("promoted").GetBoolean());
        Assert.Equal((2, 1, "retrain"), (decision.GetProperty("candidate_version").GetInt32(), decision.GetProperty("champion_version").GetInt32(), decision.GetProperty("actor").GetString()));
        Assert.Matches(@"retrain \(alert \d+ \(data_drift\)\): challenger trained on dataset v\d+ \([\d,]+ rows, [\d,]+ new\), champion v1", decision.GetProperty("reason").GetString()!);
        Assert.Contains("sextant_retrains_total{status=\"promoted\"} 1\n", await client.GetStringAsync("/metrics"), StringComparison.Ordinal);

        // A retrain the gate refuses (it now asks for a 95% better RMSE) leaves 'prod' and the server on v2.
        await ConfigureAsync(c => c with { Promotion = c.Promotion with { MinRelativeImprovement = 0.95 } });
        var kept = await Cli.RunAsync("retrain", "-p", Project, "--ignore-min-new-rows");
        kept.ShouldExit(3);
        Assert.Contains("KEPT the champion", kept.Stdout, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(6)); // longer than the alias watcher's poll
        Assert.Equal(2, await ServedVersionAsync(client));

        var (sent, failures, versions) = await steady.StopAsync();
        Assert.True(sent > 50, $"the steady client sent {sent} requests");
        Assert.Empty(failures);
        Assert.Equal([1, 2], versions.Order());
        Assert.Equal(0, await server.StopAsync());
    }

    private static async Task<JsonElement> CheckAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/monitoring/check");
        request.Headers.Add("X-API-Key", AdminKey);
        using var response = await client.SendAsync(request);
        var body = await ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body;
    }

    private static async Task<List<string>> AlertKindsAsync(HttpClient client) =>
        [.. (await ReadAsync(await client.GetAsync("/monitoring/alerts"))).GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("kind").GetString()!)];

    private static async Task<int> ServedVersionAsync(HttpClient client) =>
        (await ReadAsync(await client.GetAsync("/model"))).GetProperty("version").GetInt32();

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
    }

    /// <summary>A client predicting one valid record every 50 ms, counting every failed request and the versions that answered.</summary>
    private sealed class SteadyClient : IDisposable
    {
        private readonly HttpClient _http;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private readonly List<string> _failures = [];
        private readonly HashSet<int> _versions = [];
        private int _sent;

        public SteadyClient(Uri url)
        {
            _http = new HttpClient { BaseAddress = url };
            _loop = Task.Run(LoopAsync);
        }

        public async Task<(int Sent, List<string> Failures, HashSet<int> Versions)> StopAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            return (_sent, _failures, _versions);
        }

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await _http.PostAsync("/predict", new StringContent(SalesProjectFixture.ValidRecord, Encoding.UTF8, "application/json"));
                    _sent++;
                    var text = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        _failures.Add($"{(int)response.StatusCode}: {text}");
                    }
                    else
                    {
                        _versions.Add(JsonDocument.Parse(text).RootElement.GetProperty("model_version").GetInt32());
                    }

                    await Task.Delay(50, _stop.Token);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (HttpRequestException ex)
                {
                    _failures.Add(ex.Message);
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _http.Dispose();
            _stop.Dispose();
        }
    }
}
