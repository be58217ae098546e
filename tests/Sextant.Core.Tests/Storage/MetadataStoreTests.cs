using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Sextant.Registry;
using Sextant.Storage;
using Sextant.Storage.Sql;
using Sextant.Tracking;

namespace Sextant.Core.Tests.Storage;

/// <summary>One contract, both stores: every test runs on SQLite and on a real PostgreSQL server.</summary>
public sealed class MetadataStoreTests(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>, IDisposable
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly string _model = "m_" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => _dir.Dispose();

    private async Task<IMetadataStore> OpenAsync(string kind, TimeProvider? time = null) => kind == "sqlite"
        ? await SqliteMetadataStore.OpenAsync(_dir.File("sextant.db"), time)
        : await PostgresMetadataStore.OpenAsync(postgres.Url, time);

    private static NewModelVersion Version(string model, string? run = null, double rmse = 1.0) =>
        new(model, "gbm", new string('a', 64), 1, "fingerprint", new Dictionary<string, double> { ["rmse"] = rmse }, run, ValidationPassed: true);

    [Theory]
    [InlineData("sqlite")]
    [PostgresData]
    public async Task Run_StartLogEnd_RoundTripsEverythingLogged(string kind)
    {
        var time = new ManualTime(s_start);
        await using var store = await OpenAsync(kind, time);
        var run = await store.StartRunAsync(new NewRun(_model, "first")
        {
            DatasetFingerprint = "abc", DatasetVersion = 3, CodeVersion = "deadbeef", ConfigSnapshot = "name: x\n",
            Environment = new Dictionary<string, string> { ["cores"] = "2" },
        });
        await store.LogParamsAsync(run.Id, new Dictionary<string, string> { ["learner"] = "gbm", ["rounds"] = "100" });
        await store.SetTagsAsync(run.Id, new Dictionary<string, string> { ["team"] = "pricing" });
        await store.LogMetricsAsync(run.Id, new Dictionary<string, double> { ["rmse"] = 310.5, ["r2"] = 0.97 });
        await store.LogArtifactAsync(run.Id, "model", new string('b', 64), 1234);
        time.Advance(TimeSpan.FromSeconds(90));
        var ended = await store.EndRunAsync(run.Id, RunStatus.Finished, learner: "gbm");

        Assert.Equal(RunStatus.Finished, ended.Status);
        Assert.Equal(s_start, ended.StartTime);
        Assert.Equal(s_start.AddSeconds(90), ended.EndTime);
        Assert.Equal(90_000, ended.DurationMs!.Value, 3);
        var loaded = await store.GetRunAsync(run.Id);
        Assert.NotNull(loaded);
        Assert.Equal(("abc", 3, "deadbeef", "name: x\n"), (loaded.DatasetFingerprint, loaded.DatasetVersion.GetValueOrDefault(), loaded.CodeVersion, loaded.ConfigSnapshot));
        Assert.Equal("100", loaded.Params["rounds"]);
        Assert.Equal("pricing", loaded.Tags["team"]);
        Assert.Equal(310.5, loaded.Metrics["rmse"]);
        Assert.Equal(new string('b', 64), loaded.Artifacts["model"]);
        Assert.Equal("2", loaded.Environment["cores"]);
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresData]
    public async Task LogMetrics_SeveralSteps_LatestIsTheHighestStepAndHistoryKeepsEveryStep(string kind)
    {
        await using var store = await OpenAsync(kind);
        var run = await store.StartRunAsync(new NewRun(_model, "steps"));
        await store.LogMetricsAsync(run.Id, new Dictionary<string, double> { ["loss"] = 0.9 }, step: 0);
        await store.LogMetricsAsync(run.Id, new Dictionary<string, double> { ["loss"] = 0.5 }, step: 2);
        await store.LogMetricsAsync(run.Id, new Dictionary<string, double> { ["loss"] = 0.7 }, step: 1);

        Assert.Equal(0.5, (await store.GetRunAsync(run.Id))!.Metrics["loss"]);
        Assert.Equal([0.9, 0.7, 0.5], (await store.MetricHistoryAsync(run.Id, "loss")).Select(p => p.Value));
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresData]
    public async Task GetRun_ByUniquePrefix_FindsItAndUnknownIsNull(string kind)
    {
        await using var store = await OpenAsync(kind);
        var run = await store.StartRunAsync(new NewRun(_model, "prefix"));

        Assert.Equal(run.Id, (await store.GetRunAsync(run.Id[..20]))?.Id);
        Assert.Null(await store.GetRunAsync("ffffffffffffffffffffffffffffffff"));
        await Assert.ThrowsAsync<SextantException>(() => store.LogParamsAsync("nope", new Dictionary<string, string> { ["a"] = "b" }));
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresData]
    public async Task SearchRuns_NoFilter_NewestFirstWithinTheProjectAndLimited(string kind)
    {
        var time = new ManualTime(s_start);
        await using var store = await OpenAsync(kind, time);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await store.StartRunAsync(new NewRun(_model, $"run{i}"))).Id);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        await store.StartRunAsync(new NewRun(_model + "_other", "elsewhere"));

        var listed = await store.SearchRunsAsync(_model, limit: 3);

        Assert.Equal(ids.AsEnumerable().Reverse().Take(3), listed.Select(r => r.Id));
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresData]
    public async Task SearchRuns_FilterWithOrInAndOrderByMetric_ReturnsExactlyTheMatchingRuns(string kind)
    {
        await using var store = await OpenAsync(kind);
        var ids = new Dictionary<string, string>();
        foreach (var (name, learner, team, rmse) in new[] { ("a", "gbm", "pricing", 300.0), ("b", "ridge", "growth", 350.0), ("c", "gbm", "growth", 280.0), ("d", "ridge", "ops", 500.0) })
        {
            var run = await store.StartRunAsync(new NewRun(_model, name));
            await store.LogParamsAsync(run.Id, new Dictionary<string, string> { ["learner"] = learner, ["rounds"] = name == "a" ? "100" : "20" });
            await store.SetTagsAsync(run.Id, new Dictionary<string, string> { ["team"] = team });
            await store.LogMetricsAsync(run.Id, new Dictionary<string, double> { ["rmse"] = rmse });
            ids[name] = run.Id;
        }

        async Task<string> Names(string filter, string? order = "metrics.rmse ASC") =>
            string.Concat((await store.SearchRunsAsync(_model, filter, order)).Select(r => r.Name));

        Assert.Equal("ca", await Names("metrics.rmse < 320 AND (params.learner = 'gbm' OR tags.team IN ('ops'))"));
        Assert.Equal("cabd", await Names("tags.team IN ('pricing', 'growth', 'ops')"));
        Assert.Equal("bd", await Names("NOT params.learner = 'gbm'"));
        Assert.Equal("a", await Names("params.rounds > 50"));
        Assert.Equal("d", await Names("metrics.rmse >= 400 OR name LIKE 'z%'"));
        Assert.Equal("dbac", await Names("", "metrics.rmse DESC"));
        var error = await Assert.ThrowsAsync<Sextant.Tracking.Filters.FilterSyntaxException>(() => store.SearchRunsAsync(_model, "metrics.rmse <"));
        Assert.Contains("column", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresData]
    public async Task RegisterVersion_NumbersAreSequentialPerModelAndTheRunLinksToItsVersion(string kind)
    {
        await using var store = await OpenAsync(kind);
        var run = await store.StartRunAsync(new NewRun(_model, "r"));
        var v1 = await store.RegisterVersionAsync(Version(_model));
        var v2 = await store.RegisterVersionAsync(Version(_model, run.Id));
        var other = await store.RegisterVersionAsync(Version(_model + "_b"));

        Assert.Equal((1, 2, 1), (v1.Version, v2.Version, other.Version));
        Assert.Equal(2, (await store.GetRunAsync(run.Id))!.ModelVersion);
        var versions = await store.ListVersionsAsync(_model);
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(run.Id, versions[1].RunId);
        Assert.Contains(_model, await store.ListModelsAsync());
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresData]
    public async Task RegisterVersion_TwentyConcurrentWriters_GetDistinctNumbers1To20(string kind)
    {
        await using var first = await OpenAsync(kind);
        // Separate store instances = separate connections, as separate processes would have.
        var stores = new List<IMetadataStore>();
        for (var i = 0; i < 4; i++)
        {
            stores.Add(await OpenAsync(kind));
        }

        var versions = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => stores[i % stores.Count].RegisterVersionAsync(Version(_model)))));
        foreach (var s in stores)
        {
            await s.DisposeAsync();
        }

        Assert.Equal(Enumerable.Range(1, 20), versions.Select(v => v.Version).Order());
        Assert.Equal(20, (await first.ListVersionsAsync(_model)).Count);
    }

    [PostgresFact]
    public async Task WaitForAliasChange_Postgres_WakesAtOnceWhenAnotherWriterMovesAnAlias()
    {
        await using var watcher = await OpenAsync("postgres");
        await using var writer = await OpenAsync("postgres");
        await writer.RegisterVersionAsync(Version(_model));
        Assert.False(await watcher.WaitForAliasChangeAsync(TimeSpan.FromMilliseconds(200)));

        var started = System.Diagnostics.Stopwatch.StartNew();
        var waiting = watcher.WaitForAliasChangeAsync(TimeSpan.FromMinutes(1));
        await Task.Delay(300);
        await writer.MoveAliasAsync(new AliasChange(_model, "prod", 1, null, "promote", "alice", "go"));

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(30)), "the move should be signalled, not timed out.");
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task WaitForAliasChange_Sqlite_WaitsTheTimeoutForThePollerToRead()
    {
        var time = new ManualTime(s_start);
        await using var store = await OpenAsync("sqlite", time);

        var waiting = store.WaitForAliasChangeAsync(TimeSpan.FromSeconds(5));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresData]
    public async Task MoveAlias_StaleExpectedVersion_ThrowsConflictAndChangesNothing(string kind)
    {
        await using var store = await OpenAsync(kind);
        await store.RegisterVersionAsync(Version(_model));
        await store.RegisterVersionAsync(Version(_model));
        await store.MoveAliasAsync(new AliasChange(_model, "prod", 1, null, "promote", "alice", "first"));

        // Bob decided while prod had no version; Alice moved it meanwhile.
        var conflict = await Assert.ThrowsAsync<RegistryConflictException>(() => store.MoveAliasAsync(new AliasChange(_model, "prod", 2, null, "promote", "bob", null)));

        Assert.Contains("now points to v1", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await store.GetAliasesAsync(_model))["prod"]);
        Assert.Single(await store.AliasHistoryAsync(_model, "prod"));
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresData]
    public async Task MoveAlias_RecordsFromToWhoWhyAndUnknownVersionIsAClearError(string kind)
    {
        await using var store = await OpenAsync(kind);
        await store.RegisterVersionAsync(Version(_model));
        await store.RegisterVersionAsync(Version(_model));
        await store.MoveAliasAsync(new AliasChange(_model, "staging", 1, null, "promote", "alice", "try it"));
        await store.MoveAliasAsync(new AliasChange(_model, "staging", 2, 1, "promote", "bob", null, Forced: true));

        var error = await Assert.ThrowsAsync<SextantException>(() => store.MoveAliasAsync(new AliasChange(_model, "staging", 9, 2, "promote", "bob", null)));
        Assert.Contains("no version 9", error.Message, StringComparison.Ordinal);
        var history = await store.AliasHistoryAsync(_model);
        Assert.Equal([(null, 1, "alice", false), ((int?)1, 2, "bob", true)], history.Select(e => (e.FromVersion, e.ToVersion, e.Actor, e.Forced)));
        Assert.Equal("try it", history[0].Reason);
        Assert.Equal(new Dictionary<string, int> { ["staging"] = 2 }, await store.GetAliasesAsync(_model));
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresData]
    public async Task AliasHistory_IsAppendOnlyInTheDatabaseItself(string kind)
    {
        await using var store = await OpenAsync(kind);
        await store.RegisterVersionAsync(Version(_model));
        await store.MoveAliasAsync(new AliasChange(_model, "prod", 1, null, "promote", "alice", null));

        await using DbConnection connection = kind == "sqlite"
            ? new SqliteConnection($"Data Source={_dir.File("sextant.db")}")
            : new NpgsqlConnection(StoreLocation.PostgresConnectionString(postgres.Url).ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[] { "UPDATE alias_events SET to_version = 5", "DELETE FROM alias_events" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var error = await Assert.ThrowsAnyAsync<DbException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresData]
    public async Task Decisions_RoundTripEveryCriterion(string kind)
    {
        await using var store = await OpenAsync(kind);
        var decision = new PromotionDecision(0, _model, "prod", 2, 1, false, false,
            [new GateCriterion("primary_metric", false, "rmse 10 vs 9", 10, 9, 0), new GateCriterion("validation", true, "ok")],
            "Not promoted", "dataset v1, 10 rows", "alice", s_start);

        var stored = await store.RecordDecisionAsync(decision);

        Assert.True(stored.Id > 0);
        var listed = Assert.Single(await store.ListDecisionsAsync(_model));
        Assert.Equal(stored.Id, listed.Id);
        Assert.Equal(decision.Criteria, listed.Criteria);
        Assert.Equal((2, (int?)1, false, "alice", s_start), (listed.CandidateVersion, listed.ChampionVersion, listed.Promoted, listed.Actor, listed.At));
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresData]
    public async Task VersionTagsAndDescription_AreKeptWithTheVersion(string kind)
    {
        await using var store = await OpenAsync(kind);
        await store.RegisterVersionAsync(Version(_model));
        await store.SetVersionTagAsync(_model, 1, "owner", "pricing");
        await store.SetVersionTagAsync(_model, 1, "owner", "forecasting");
        await store.DescribeVersionAsync(_model, 1, "baseline");

        var version = Assert.Single(await store.ListVersionsAsync(_model));
        Assert.Equal("forecasting", version.Tags["owner"]);
        Assert.Equal("baseline", version.Description);
        await Assert.ThrowsAsync<SextantException>(() => store.DescribeVersionAsync(_model, 7, "x"));
    }

    [Fact]
    public async Task Sqlite_DatabaseFromSchemaVersion1_IsMigratedKeepingItsModelVersions()
    {
        var path = _dir.File("old.db");
        await SqliteSchema.MigrateAsync(path, TimeProvider.System, upTo: 1);
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO model_versions (name, version, learner, artifact_sha256, dataset_version, dataset_fingerprint, metrics, created_at)
                VALUES ('sales', 1, 'ridge', 'abc', 1, 'fp', '{"rmse":300}', '2026-11-22T10:00:00.0000000+00:00')
                """;
            await insert.ExecuteNonQueryAsync();
        }

        await using var store = await SqliteMetadataStore.OpenAsync(path);

        var old = Assert.Single(await store.ListVersionsAsync("sales"));
        Assert.Equal(("ridge", 300.0, true), (old.Learner, old.Metrics["rmse"], old.ValidationPassed));
        Assert.Contains("sales", await store.ListModelsAsync());
        Assert.Equal(2, (await store.RegisterVersionAsync(Version("sales"))).Version);
        await store.MoveAliasAsync(new AliasChange("sales", "prod", 1, null, "promote", "alice", null));
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresData]
    public async Task Feedback_JoinsByRequestId_RefusesUnknownIdsAtomically_AndRefusedRequestsAreKeptApart(string kind)
    {
        var time = new ManualTime(s_start);
        await using var store = await OpenAsync(kind, time);
        var records = Enumerable.Range(0, 3).Select(i => new Sextant.Monitoring.PredictionRecord($"{_model}-{i}", _model, 1, "prod", s_start.AddSeconds(i), "{\"x\": 1}", 10 + i, 1) { Lower = 5, Upper = 15 })
            .Append(new Sextant.Monitoring.PredictionRecord($"{_model}-refused", _model, 1, "prod", s_start, "{\"x\": \"a\"}", double.NaN, 0) { Errors = "[{\"feature\":\"x\",\"type\":\"type\"}]" })
            .ToList();
        Assert.Equal(4, await store.LogPredictionsAsync(records));

        var refusedBatch = await store.RecordFeedbackAsync([new($"{_model}-0", "11"), new("nope", "1")]);
        Assert.Equal(0, refusedBatch.Recorded);
        Assert.Equal(["nope"], refusedBatch.Unknown);
        var stored = await store.RecordFeedbackAsync([new($"{_model}-0", "11"), new($"{_model}-2", "20"), new($"{_model}-2", "21"), new("nope", "1")], skipUnknown: true);
        Assert.Equal((2, 1), (stored.Recorded, stored.Corrected));
        Assert.Equal(["nope"], stored.Unknown);

        var labelled = await store.ReadLabelledPredictionsAsync(new() { Model = _model, Version = 1, Since = s_start });
        Assert.Equal(["11", "21"], labelled.Actuals);
        Assert.Equal([10.0, 12.0], labelled.Predictions);
        Assert.Equal([5.0, 5.0], labelled.Lower);
        Assert.Equal(["21"], (await store.ReadLabelledPredictionsAsync(new() { Model = _model, Last = 1 })).Actuals);
        Assert.Equal([("{\"x\": 1}", "11"), ("{\"x\": 1}", "21")], await store.ReadLabelledFeaturesAsync(_model));

        var refused = await store.CountRefusedAsync(new() { Model = _model, Since = s_start, Until = s_start.AddMinutes(1) });
        Assert.Equal(1, refused.Count);
        Assert.Equal(1, refused.ByFeature["x"]);
        Assert.Equal(0, (await store.CountRefusedAsync(new() { Model = _model, Since = s_start.AddMinutes(1) })).Count);
        Assert.Equal(3, (await store.ReadPredictionWindowAsync(new() { Model = _model })).Rows);
        Assert.False(await store.PredictionLoggedAsync($"{_model}-refused"));
    }
}
