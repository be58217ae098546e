using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Sextant.Projects;
using static Sextant.Server.Tests.HttpJson;

namespace Sextant.Server.Tests;

/// <summary>The prediction log (batched, drained on shutdown, request ids unique), the shadow model and rate limits, on real servers.</summary>
public sealed class PredictionLogTests : IAsyncLifetime
{
    private const string Record = TwoVersionProject.Record;
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"sextant-prediction-log-{Guid.NewGuid():N}");
    private readonly List<WebApplication> _apps = [];

    public async Task InitializeAsync() => await TwoVersionProject.CreateAsync(_root, ("prod", 1), ("staging", 2));

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private async Task<(WebApplication App, HttpClient Client)> StartAsync(ServerOptions options)
    {
        var app = await SextantServer.BuildAsync(options with { Project = _root, Urls = "http://127.0.0.1:0" });
        _apps.Add(app);
        await app.StartAsync();
        return (app, new HttpClient { BaseAddress = new Uri(app.Urls.Single()) });
    }

    private async Task<IReadOnlyList<Sextant.Monitoring.PredictionRecord>> LoggedAsync()
    {
        await using var project = await SextantProject.OpenAsync(_root);
        return await project.Metadata.RecentPredictionsAsync(project.Name, 10_000);
    }

    [Fact]
    public async Task Shutdown_DrainsTheQueue_EveryAcceptedPredictionIsLoggedWithItsFeaturesAndInterval()
    {
        var (app, client) = await StartAsync(new ServerOptions { Alias = "prod" });
        const int requests = 150;
        await Task.WhenAll(Enumerable.Range(0, requests).Select(async i =>
        {
            using var response = await client.PostAsync("/predict", Content($$"""{"features":{{Record}},"request_id":"req-{{i}}"}"""));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }));

        client.Dispose();
        await app.StopAsync();

        var logged = await LoggedAsync();
        Assert.Equal(requests, logged.Count);
        Assert.Equal(Enumerable.Range(0, requests).Select(i => $"req-{i}").Order(StringComparer.Ordinal), logged.Select(r => r.RequestId).Order(StringComparer.Ordinal));
        var one = logged[0];
        Assert.Equal((1, "prod"), (one.Version, one.Alias));
        Assert.Contains("\"PRODUCTLINE\":\"Motorcycles\"", one.Features, StringComparison.Ordinal);
        Assert.True(one.Lower < one.Prediction && one.Prediction < one.Upper);
    }

    [Fact]
    public async Task Predict_ValueOutsideWhatTrainingSaw_IsLoggedWithItsSoftFinding()
    {
        var (app, client) = await StartAsync(new ServerOptions { Alias = "prod" });
        var outside = Record.Replace("\"ORDERLINENUMBER\":2", "\"ORDERLINENUMBER\":99", StringComparison.Ordinal);
        using (var response = await client.PostAsync("/predict", Content($$"""{"features":{{outside}},"request_id":"far-out"}""")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using (var response = await client.PostAsync("/predict", Content($$"""{"features":{{Record}},"request_id":"inside"}""")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        client.Dispose();
        await app.StopAsync();

        var logged = (await LoggedAsync()).ToDictionary(r => r.RequestId);
        Assert.Equal("""[{"feature":"ORDERLINENUMBER","type":"outside_observed"}]""", logged["far-out"].Warnings);
        Assert.Null(logged["inside"].Warnings);
    }

    [Fact]
    public async Task Predict_ReusedRequestId_Is409EvenAfterARestart()
    {
        var (app, client) = await StartAsync(new ServerOptions { Alias = "prod" });
        using (var first = await client.PostAsync("/predict", Content($$"""{"features":{{Record}},"request_id":"order-17"}""")))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var again = await client.PostAsync("/predict", Content($$"""{"features":{{Record}},"request_id":"order-17"}""")))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Equal("order-17", (await ReadAsync(again)).GetProperty("request_id").GetString());
        }

        await app.StopAsync();
        var (_, restarted) = await StartAsync(new ServerOptions { Alias = "prod" });
        using var afterRestart = await restarted.PostAsync("/predict", Content($$"""{"features":{{Record}},"request_id":"order-17"}"""));
        Assert.Equal(HttpStatusCode.Conflict, afterRestart.StatusCode);
    }

    [Fact]
    public async Task Shadow_ScoresOffThePath_ResponseIsThePrimarysAndTheLogHasBoth()
    {
        var (app, client) = await StartAsync(new ServerOptions { Alias = "prod", ShadowAlias = "staging" });
        var response = await ReadAsync(await client.PostAsync("/predict", Content(Record)));
        Assert.Equal(1, response.GetProperty("model_version").GetInt32());
        Assert.False(response.TryGetProperty("shadow_prediction", out _));

        await app.StopAsync();

        var logged = Assert.Single(await LoggedAsync());
        Assert.Equal(response.GetProperty("prediction").GetDouble(), logged.Prediction);
        Assert.Equal(2, logged.ShadowVersion);
        Assert.NotNull(logged.ShadowPrediction);
        Assert.NotEqual(logged.Prediction, logged.ShadowPrediction.Value, 3);
        var metrics = Metrics(app);
        Assert.Contains("sextant_shadow_predictions_total{outcome=\"scored\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimit_PerKeyPerSecond_Answers429ProblemsBeyondIt()
    {
        var (_, client) = await StartAsync(new ServerOptions { Alias = "prod", RateLimitPerSecond = 2, PredictionLogCapacity = 0 });
        using (await client.GetAsync("/health"))
        {
            // Warm the connection: the burst below should not pay for it.
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => client.PostAsync("/predict", Content(Record))));
        var seconds = Math.Ceiling(started.Elapsed.TotalSeconds);
        var rejected = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(rejected);
        Assert.All(rejected, r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
        // 2 per fixed 1-second window: however the burst falls across windows, no more than 2 x (windows touched) pass.
        var passed = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.InRange(passed, 1, 2 * (seconds + 1));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static string Metrics(WebApplication app) =>
        ((Sextant.Server.Metrics.ServerMetrics)app.Services.GetService(typeof(Sextant.Server.Metrics.ServerMetrics))!).ToPrometheus();
}
