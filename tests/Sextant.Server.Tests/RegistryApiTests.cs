using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Sextant.Projects;
using static Sextant.Server.Tests.HttpJson;

namespace Sextant.Server.Tests;

/// <summary>
/// The registry over HTTP on a real server serving the alias <c>prod</c>: reads, gated promotion and rollback with an
/// admin key, and the served model following the alias.
/// </summary>
public sealed class RegistryApiTests : IAsyncLifetime
{
    private const string AdminKey = "registry-admin";
    private const string Record = TwoVersionProject.Record;
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"sextant-registry-api-{Guid.NewGuid():N}");
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private readonly List<string> _runs = [];

    public async Task InitializeAsync()
    {
        _runs.AddRange(await TwoVersionProject.CreateAsync(_root));

        _app = await SextantServer.BuildAsync(new ServerOptions { Project = _root, Urls = "http://127.0.0.1:0", Alias = "prod", AdminKeys = [AdminKey], AliasPollInterval = TimeSpan.FromMilliseconds(100) });
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private async Task<HttpResponseMessage> AdminPostAsync(string path, string body, bool withKey = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Content(body) };
        if (withKey)
        {
            request.Headers.Add("X-API-Key", AdminKey);
            request.Headers.Add("X-Actor", "carol");
        }

        return await _client.SendAsync(request);
    }

    [Fact]
    public async Task PromoteAndRollback_OverHttp_MoveTheServedModelAndAreRecorded()
    {
        using (var before = await _client.PostAsync("/predict", Content(Record)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        }

        using (var anonymous = await AdminPostAsync("/registry/promote", """{"version":1,"alias":"prod"}""", withKey: false))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (var first = await AdminPostAsync("/registry/promote", """{"version":1,"alias":"prod","reason":"launch"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var decision = (await ReadAsync(first)).GetProperty("decision");
            Assert.True(decision.GetProperty("promoted").GetBoolean());
            Assert.StartsWith("carol (key:", decision.GetProperty("actor").GetString(), StringComparison.Ordinal);
        }

        using (var served = await _client.PostAsync("/predict", Content(Record)))
        {
            var json = await ReadAsync(served);
            Assert.Equal((1, "prod"), (json.GetProperty("model_version").GetInt32(), json.GetProperty("alias").GetString()));
        }

        // v2 is worse, so only force moves it.
        using (var second = await AdminPostAsync("/registry/promote", """{"version":2,"alias":"prod","force":true}"""))
        {
            Assert.True((await ReadAsync(second)).GetProperty("decision").GetProperty("promoted").GetBoolean());
        }

        Assert.Equal(2, (await ReadAsync(await _client.PostAsync("/predict", Content(Record)))).GetProperty("model_version").GetInt32());
        using (var rollback = await AdminPostAsync("/registry/rollback", """{"alias":"prod","reason":"incident"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
            Assert.Equal(1, (await ReadAsync(rollback)).GetProperty("version").GetInt32());
        }

        Assert.Equal(1, (await ReadAsync(await _client.PostAsync("/predict", Content(Record)))).GetProperty("model_version").GetInt32());
        var registry = await ReadAsync(await _client.GetAsync("/registry"));
        Assert.Equal(1, registry.GetProperty("aliases").GetProperty("prod").GetInt32());
        Assert.Equal(2, registry.GetProperty("versions").GetArrayLength());
        var history = (await ReadAsync(await _client.GetAsync("/registry/history?alias=prod"))).GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["promote", "promote", "rollback"], history.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("incident", history[^1].GetProperty("reason").GetString());
        var decisions = (await ReadAsync(await _client.GetAsync("/registry/decisions"))).GetProperty("decisions");
        Assert.Equal(2, decisions.GetArrayLength());

        using var same = await AdminPostAsync("/registry/promote", """{"version":1,"alias":"prod"}""");
        Assert.Equal(HttpStatusCode.BadRequest, same.StatusCode);
        using var unknown = await AdminPostAsync("/registry/promote", """{"version":9,"alias":"prod"}""");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("no version 9", (await ReadAsync(unknown)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_ListAndShowByPrefix_AndUnknownIs404()
    {
        var list = await ReadAsync(await _client.GetAsync("/runs?limit=10"));
        Assert.Equal(_runs.AsEnumerable().Reverse(), list.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetString()));

        using var one = await _client.GetAsync($"/runs/{_runs[0][..16]}");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var run = await ReadAsync(one);
        Assert.Equal(_runs[0], run.GetProperty("id").GetString());
        Assert.Equal("ridge", run.GetProperty("params").GetProperty("learner").GetString());
        Assert.Equal("1", run.GetProperty("params").GetProperty("l2").GetString());
        Assert.True(run.GetProperty("artifacts").TryGetProperty("input_example", out _));

        using var missing = await _client.GetAsync("/runs/ffffffffffffffff");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Version_ShowsItsDecisionsAndOpenApiDescribesTheRegistry()
    {
        using var version = await _client.GetAsync("/registry/versions/2");
        Assert.Equal(HttpStatusCode.OK, version.StatusCode);
        Assert.Equal(_runs[1], (await ReadAsync(version)).GetProperty("version").GetProperty("run_id").GetString());
        using var missing = await _client.GetAsync("/registry/versions/7");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var paths = (await ReadAsync(await _client.GetAsync("/openapi.json"))).GetProperty("paths");
        foreach (var path in new[] { "/runs", "/runs/{id}", "/registry", "/registry/versions/{version}", "/registry/history", "/registry/promote", "/registry/rollback" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI lacks {path}");
        }
    }

    [Fact]
    public async Task AliasMovedByAnotherProcess_TheServerFollowsWithinAFewPolls()
    {
        // Another writer (here: a second open of the project, as another process would be) promotes, then rolls back.
        await using (var other = await SextantProject.OpenAsync(_root))
        {
            await new Sextant.Registry.ModelRegistry(other).PromoteAsync(1, "prod", "dave", force: true);
            await new Sextant.Registry.ModelRegistry(other).PromoteAsync(2, "prod", "dave", force: true);
        }

        Assert.Equal(2, await ServedVersionWithinAsync(2));
        await using (var other = await SextantProject.OpenAsync(_root))
        {
            await new Sextant.Registry.ModelRegistry(other).RollbackAsync("prod", "dave");
        }

        Assert.Equal(1, await ServedVersionWithinAsync(1));
        // At start prod pointed nowhere (a failed load); then v2 and v1 were loaded.
        var loads = (await _client.GetStringAsync("/metrics")).Split('\n').Single(l => l.StartsWith("sextant_model_loads_total{outcome=\"success\"}", StringComparison.Ordinal));
        Assert.True(int.Parse(loads.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) >= 2, loads);
    }

    [Fact]
    public async Task AliasMovesUnderLoad_EveryRequestSucceedsOnTheOldOrTheNewVersion()
    {
        await using (var other = await SextantProject.OpenAsync(_root))
        {
            await new Sextant.Registry.ModelRegistry(other).PromoteAsync(1, "prod", "erin", force: true);
        }

        Assert.Equal(1, await ServedVersionWithinAsync(1));
        using var stop = new CancellationTokenSource();
        var statuses = new System.Collections.Concurrent.ConcurrentBag<(HttpStatusCode Status, int? Version)>();
        var clients = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await _client.PostAsync("/predict", Content(Record));
                int? version = response.IsSuccessStatusCode ? (await ReadAsync(response)).GetProperty("model_version").GetInt32() : null;
                statuses.Add((response.StatusCode, version));
            }
        })).ToList();

        // Promote v2, then roll back to v1, while the four clients keep predicting.
        await Task.Delay(200);
        await using (var other = await SextantProject.OpenAsync(_root))
        {
            await new Sextant.Registry.ModelRegistry(other).PromoteAsync(2, "prod", "erin", force: true);
        }

        Assert.Equal(2, await ServedVersionWithinAsync(2));
        await Task.Delay(200);
        await using (var other = await SextantProject.OpenAsync(_root))
        {
            await new Sextant.Registry.ModelRegistry(other).RollbackAsync("prod", "erin");
        }

        Assert.Equal(1, await ServedVersionWithinAsync(1));
        await Task.Delay(200);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s.Status));
        Assert.Contains(statuses, s => s.Version == 2);
        Assert.Equal([1, 2], statuses.Select(s => s.Version!.Value).Distinct().Order());
    }

    // Polls /model until it reports the expected version or 10 s pass; returns what it last saw.
    private async Task<int?> ServedVersionWithinAsync(int expected)
    {
        int? seen = null;
        for (var attempt = 0; attempt < 100 && seen != expected; attempt++)
        {
            using var response = await _client.GetAsync("/model");
            seen = response.IsSuccessStatusCode ? (await ReadAsync(response)).GetProperty("version").GetInt32() : null;
            if (seen != expected)
            {
                await Task.Delay(100);
            }
        }

        return seen;
    }
}
