using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Sextant.Core.Tests.Monitoring;
using Sextant.Core.Tests.Monitoring.Alerts;
using Sextant.Data.Ingest;
using Sextant.Examples;
using Sextant.Projects;
using Sextant.Training;
using static Sextant.Server.Tests.HttpJson;

namespace Sextant.Server.Tests;

/// <summary>Drift, checks, alerts and their gauges over real HTTP, fed by real /predict/batch traffic through the prediction log.</summary>
public sealed class MonitoringApiTests : IAsyncLifetime
{
    private const string AdminKey = "monitor-admin-1";
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"sextant-monitoring-api-{Guid.NewGuid():N}");
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private IReadOnlyList<string> _drifted = null!;
    private IReadOnlyList<string> _normal = null!;
    private readonly WebhookReceiver _receiver = new();

    public async Task InitializeAsync()
    {
        var example = ExampleProjects.Create("sales");
        await (example with { Config = example.Config with { Training = example.Config.Training with { Candidates = [new() { Learner = "ridge", L2 = 1 }] },
            Monitoring = example.Config.Monitoring with { Webhook = new WebhookConfig { Url = _receiver.Url, Retries = 1 } },
        } }).WriteToAsync(_root);
        await using (var project = await SextantProject.OpenAsync(_root))
        {
            await Ingestion.IngestAsync(project);
            await Trainer.TrainAsync(project, new TrainOptions());
            _drifted = await SalesTraffic.RecordsAsync(project, 400, seed: 3, drifted: true);
            _normal = await SalesTraffic.RecordsAsync(project, 400, seed: 4, drifted: false);
        }

        _app = await SextantServer.BuildAsync(new ServerOptions { Project = _root, Urls = "http://127.0.0.1:0", AdminKeys = [AdminKey] });
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        _receiver.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    // Sends the records through /predict/batch and waits until the prediction log (flushed in the background) holds them.
    private async Task SendAsync(IReadOnlyList<string> records, int loggedAfter)
    {
        using (var response = await _client.PostAsync("/predict/batch", Content("[" + string.Join(",", records) + "]")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var waited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await LoggedRowsAsync() < loggedAfter)
        {
            await Task.Delay(50, waited.Token);
        }
    }

    // The rows the prediction log holds for the served version, as a drift read sees them.
    private async Task<int> LoggedRowsAsync()
    {
        using var response = await _client.GetAsync("/monitoring/drift?last=100000");
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            // Before the log's first flush the window is empty, which a drift read refuses: nothing is logged yet.
            return 0;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadAsync(response)).GetProperty("window_rows").GetInt32();
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await ReadAsync(response);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string? key = AdminKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (key is not null)
        {
            request.Headers.Add("X-API-Key", key);
            request.Headers.Add("X-Actor", "alice");
        }

        using var response = await _client.SendAsync(request);
        return (response.StatusCode, await ReadAsync(response));
    }

    [Fact]
    public async Task DriftedTraffic_DriftReadChangesNothing_CheckOpensAlerts_GaugesShowThem_AckAndResolve_NormalTrafficResolves()
    {
        await SendAsync(_drifted, 400);

        var drift = await GetAsync("/monitoring/drift?last=400");
        Assert.Equal(1, drift.GetProperty("version").GetInt32());
        Assert.True(drift.GetProperty("drift").GetProperty("dataset_drift").GetBoolean());
        Assert.Equal(0, drift.GetProperty("alerts").GetArrayLength());
        Assert.Equal(0, (await GetAsync("/monitoring/alerts")).GetProperty("alerts").GetArrayLength());

        var (unauthorised, _) = await PostAsync("/monitoring/check?last=400", key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised);
        var (status, check) = await PostAsync("/monitoring/check?last=400");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["opened", "opened"], check.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("change").GetString()));

        // Each change was posted to the webhook before the answer.
        Assert.Equal(["alert_opened:data_drift", "alert_opened:prediction_drift"], Events());

        var alerts = (await GetAsync("/monitoring/alerts")).GetProperty("alerts");
        Assert.Equal(["prediction_drift", "data_drift"], alerts.EnumerateArray().Select(a => a.GetProperty("kind").GetString()));
        var dataAlert = alerts[1].GetProperty("id").GetInt64();
        var predictionAlert = alerts[0].GetProperty("id").GetInt64();

        var metrics = await _client.GetStringAsync("/metrics");
        Assert.Contains("sextant_dataset_drift{version=\"1\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("sextant_drift_detected{version=\"1\",feature=\"PRICEEACH\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("sextant_drift_detected{version=\"1\",feature=\"PRODUCTLINE\"} 0\n", metrics, StringComparison.Ordinal);
        Assert.Matches("sextant_drift_score\\{version=\"1\",feature=\"PRICEEACH\",method=\"wasserstein\"\\} [0-9.]+\n", metrics);
        Assert.Contains("sextant_monitoring_alerts{kind=\"data_drift\",state=\"open\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("sextant_monitoring_alerts{kind=\"performance\",state=\"open\"} 0\n", metrics, StringComparison.Ordinal);

        var (ackStatus, ack) = await PostAsync($"/monitoring/alerts/{dataAlert}/ack");
        Assert.Equal(HttpStatusCode.OK, ackStatus);
        Assert.True(ack.GetProperty("changed").GetBoolean());
        Assert.Equal("acknowledged", ack.GetProperty("alert").GetProperty("state").GetString());
        Assert.StartsWith("alice (", ack.GetProperty("alert").GetProperty("acknowledged_by").GetString(), StringComparison.Ordinal);
        Assert.False((await PostAsync($"/monitoring/alerts/{dataAlert}/ack")).Body.GetProperty("changed").GetBoolean());
        Assert.Contains("sextant_monitoring_alerts{kind=\"data_drift\",state=\"acknowledged\"} 1\n", await _client.GetStringAsync("/metrics"), StringComparison.Ordinal);

        var (resolvedStatus, _) = await PostAsync($"/monitoring/alerts/{predictionAlert}/resolve");
        Assert.Equal(HttpStatusCode.OK, resolvedStatus);
        var (conflict, problem) = await PostAsync($"/monitoring/alerts/{predictionAlert}/ack");
        Assert.Equal(HttpStatusCode.Conflict, conflict);
        Assert.Contains("is resolved", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (missing, notFound) = await PostAsync("/monitoring/alerts/424242/ack");
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("Not found", notFound.GetProperty("title").GetString());

        await SendAsync(_normal, 800);
        var (_, clean) = await PostAsync("/monitoring/check?last=400");
        Assert.False(clean.GetProperty("drift").GetProperty("dataset_drift").GetBoolean());
        Assert.Equal([(dataAlert, "resolved")], clean.GetProperty("alerts").EnumerateArray().Select(a => (a.GetProperty("alert").GetProperty("id").GetInt64(), a.GetProperty("change").GetString())));
        Assert.Equal(0, (await GetAsync("/monitoring/alerts")).GetProperty("alerts").GetArrayLength());
        Assert.Equal(2, (await GetAsync("/monitoring/alerts?all=true")).GetProperty("alerts").GetArrayLength());
        Assert.Contains("sextant_dataset_drift{version=\"1\"} 0\n", await _client.GetStringAsync("/metrics"), StringComparison.Ordinal);
        Assert.Equal(
            ["alert_opened:data_drift", "alert_opened:prediction_drift", "alert_acknowledged:data_drift", "alert_resolved:prediction_drift", "alert_resolved:data_drift"],
            Events());
        Assert.Contains("sextant_alert_webhook_deliveries_total{outcome=\"delivered\"} 5\n", await _client.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    private List<string> Events() =>
        [.. _receiver.Accepted.Select(e => $"{e.GetProperty("event").GetString()}:{e.GetProperty("alert").GetProperty("kind").GetString()}")];

    [Fact]
    public async Task BadRequests_AreProblemDetailsAndChangeNothing()
    {
        using var empty = await _client.GetAsync("/monitoring/drift?since=2099-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("application/problem+json", empty.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("No logged predictions in the window (sales v1, since 2099-01-01 00:00:00Z)", (await ReadAsync(empty)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var badTime = await _client.GetAsync("/monitoring/drift?until=soon");
        Assert.Equal(HttpStatusCode.BadRequest, badTime.StatusCode);
        Assert.Contains("until 'soon' is not a date", (await ReadAsync(badTime)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var (status, problem) = await PostAsync("/monitoring/check?version=9");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("has no version 9", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await GetAsync("/monitoring/alerts?all=true")).GetProperty("alerts").GetArrayLength());
        Assert.Contains("sextant_monitoring_checks_total{outcome=\"failed\"} 1\n", await _client.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }
}
