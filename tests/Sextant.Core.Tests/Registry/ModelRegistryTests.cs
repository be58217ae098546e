using Sextant.Data.Ingest;
using Sextant.Examples;
using Sextant.Models;
using Sextant.Projects;
using Sextant.Registry;
using Sextant.Schema;
using Sextant.Training;

namespace Sextant.Core.Tests.Registry;

/// <summary>Promotion through the gate, rollback through history and "which version on date D", on a real trained project.</summary>
public sealed class ModelRegistryTests : IDisposable
{
    private static readonly CandidateConfig[] s_ridge = [new() { Learner = "ridge", L2 = 1 }];

    // A penalty so heavy the model barely moves from the mean: clearly worse on every metric.
    private static readonly CandidateConfig[] s_worse = [new() { Learner = "ridge", L2 = 1e5 }];
    private static readonly CandidateConfig[] s_gbm = [new() { Learner = "gbm", Rounds = 200 }];
    private readonly TempDirectory _dir = new();
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
    private ProjectConfig _config = ExampleProjects.Create("sales", 900).Config;
    private bool _written;

    public void Dispose() => _dir.Dispose();

    // Writes the configuration (the example data once), opens the project, and trains a version with these candidates.
    private async Task<(SextantProject Project, TrainResult Result)> TrainAsync(IReadOnlyList<CandidateConfig> candidates, Func<ProjectConfig, ProjectConfig>? edit = null, bool allowInvalid = false)
    {
        _config = (edit ?? (c => c))(_config with { Training = _config.Training with { Candidates = candidates } });
        if (!_written)
        {
            await (ExampleProjects.Create("sales", 900) with { Config = _config }).WriteToAsync(_dir.Path);
            await using var first = await SextantProject.OpenAsync(_dir.Path, _time);
            await Ingestion.IngestAsync(first);
            _written = true;
        }

        await File.WriteAllTextAsync(_dir.File(ProjectFile.FileName), ProjectWriter.ToYaml(_config));
        var project = await SextantProject.OpenAsync(_dir.Path, _time);
        _time.Advance(TimeSpan.FromHours(1));
        return (project, await Trainer.TrainAsync(project, new TrainOptions { AllowInvalid = allowInvalid }, _time));
    }

    private Task<PromotionOutcome> PromoteAsync(SextantProject project, int version, string alias = "prod", bool force = false, string? reason = null)
    {
        _time.Advance(TimeSpan.FromDays(1));
        return new ModelRegistry(project, _time).PromoteAsync(version, alias, "alice", reason, force);
    }

    [Fact]
    public async Task Promote_FirstHolder_IsJudgedOnValidationOnlyAndMovesTheAlias()
    {
        var (project, v1) = await TrainAsync(s_ridge);
        await using var _ = project;

        var outcome = await PromoteAsync(project, v1.Version.Version, reason: "launch");

        Assert.NotNull(outcome.Event);
        Assert.True(outcome.Decision.Promoted);
        Assert.Null(outcome.Decision.ChampionVersion);
        Assert.Equal(["validation"], outcome.Decision.Criteria.Select(c => c.Name));
        Assert.Equal(1, (await project.Metadata.GetAliasesAsync(project.Name))["prod"]);
        Assert.Equal("launch", Assert.Single(await project.Metadata.AliasHistoryAsync(project.Name, "prod")).Reason);
    }

    [Fact]
    public async Task Promote_BetterModel_PassesEveryCriterionWithItsNumbers()
    {
        var (p1, v1) = await TrainAsync(s_worse);
        await using (p1)
        {
            await PromoteAsync(p1, v1.Version.Version);
        }

        // Two ridge models score at the same speed; the latency criterion is reported with its numbers, but a timed
        // figure on a shared machine is no unit-test bar (a CI run once saw 6.8x between two equal models), so its limit is wide.
        var (project, v2) = await TrainAsync(s_ridge, c => c with { Promotion = c.Promotion with { MaxLatencyRatio = 1000 } });
        await using var _ = project;
        var outcome = await PromoteAsync(project, v2.Version.Version);

        Assert.True(outcome.Decision.Promoted, outcome.Decision.Reason);
        var latency = outcome.Decision.Criteria.Single(c => c.Name == "latency_p95");
        Assert.True(latency.Candidate > 0 && latency.Champion > 0, latency.Detail);
        Assert.Equal(["validation", "signature", "primary_metric", "latency_p95"], outcome.Decision.Criteria.Select(c => c.Name));
        var primary = outcome.Decision.Criteria.Single(c => c.Name == "primary_metric");
        Assert.True(primary.Candidate < primary.Champion, $"ridge rmse {primary.Candidate} should beat the over-penalised one's {primary.Champion} on the same rows.");
        Assert.Contains("held-out rows", outcome.Decision.EvaluatedOn, StringComparison.Ordinal);
        Assert.Equal(2, (await project.Metadata.GetAliasesAsync(project.Name))["prod"]);
    }

    [Fact]
    public async Task Promote_WorseModel_IsRefusedOnThePrimaryMetricAndTheRefusalIsStored()
    {
        var (p1, v1) = await TrainAsync(s_ridge);
        await using (p1)
        {
            await PromoteAsync(p1, v1.Version.Version);
        }

        var (project, v2) = await TrainAsync(s_worse);
        await using var _ = project;
        var outcome = await PromoteAsync(project, v2.Version.Version);

        Assert.Null(outcome.Event);
        Assert.False(Assert.Single(outcome.Decision.Criteria, c => c.Name == "primary_metric").Passed);
        Assert.StartsWith("Not promoted: failed primary_metric", outcome.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal(1, (await project.Metadata.GetAliasesAsync(project.Name))["prod"]);
        var decisions = await project.Metadata.ListDecisionsAsync(project.Name);
        Assert.Equal([true, false], decisions.Select(d => d.Promoted));
    }

    [Fact]
    public async Task Promote_GuardMetricWorse_IsRefusedOnTheGuardEvenWhenThePrimaryMayDrop()
    {
        var (p1, v1) = await TrainAsync(s_ridge);
        await using (p1)
        {
            await PromoteAsync(p1, v1.Version.Version);
        }

        // The primary metric may get worse by anything; MAE may not get worse at all.
        var (project, v2) = await TrainAsync(s_worse, c => c with { Promotion = c.Promotion with { MinImprovement = -1e12, MinRelativeImprovement = -1e6, GuardMetrics = new Dictionary<string, double> { ["mae"] = 0 } } });
        await using var _ = project;
        var outcome = await PromoteAsync(project, v2.Version.Version);

        Assert.Null(outcome.Event);
        Assert.True(outcome.Decision.Criteria.Single(c => c.Name == "primary_metric").Passed);
        var guard = outcome.Decision.Criteria.Single(c => c.Name == "guard:mae");
        Assert.False(guard.Passed);
        Assert.Contains("worse", guard.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promote_SlowerThanTheLatencyLimit_IsRefusedOnLatency()
    {
        var (p1, v1) = await TrainAsync(s_ridge);
        await using (p1)
        {
            await PromoteAsync(p1, v1.Version.Version);
        }

        // A 200-tree model scores a row far slower than one dot product; a 1.01x limit cannot be met.
        var (project, v2) = await TrainAsync(s_gbm, c => c with { Promotion = c.Promotion with { MaxLatencyRatio = 1.01 } });
        await using var _ = project;
        var outcome = await PromoteAsync(project, v2.Version.Version);

        var latency = outcome.Decision.Criteria.Single(c => c.Name == "latency_p95");
        Assert.False(latency.Passed, latency.Detail);
        Assert.True(latency.Candidate > latency.Champion);
        Assert.Null(outcome.Event);
    }

    [Fact]
    public async Task Promote_ModelTrainedOnInvalidData_IsRefusedOnValidationUnlessForced()
    {
        var (p1, v1) = await TrainAsync(s_ridge);
        await using (p1)
        {
            await PromoteAsync(p1, v1.Version.Version);
        }

        // A maximum most rows exceed: the data fails validation and the model is trained with --allow-invalid.
        var (project, v2) = await TrainAsync(s_ridge, c => c with
        {
            Features = [.. c.Features.Select(f => f.Name == "QUANTITYORDERED" ? f with { Max = 20 } : f)],
        }, allowInvalid: true);
        await using var _ = project;
        Assert.False(v2.Artifact.ValidationPassed);

        var refused = await PromoteAsync(project, v2.Version.Version);
        Assert.False(refused.Decision.Criteria.Single(c => c.Name == "validation").Passed);
        Assert.Null(refused.Event);

        var forced = await PromoteAsync(project, v2.Version.Version, force: true, reason: "hotfix");
        Assert.NotNull(forced.Event);
        Assert.True(forced.Event.Forced);
        Assert.True(forced.Decision.Forced);
        Assert.StartsWith("Promoted by force", forced.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal(2, (await project.Metadata.GetAliasesAsync(project.Name))["prod"]);
    }

    [Fact]
    public async Task Promote_ModelThatDropsARequiredFeature_IsRefusedOnTheSignature()
    {
        var (p1, v1) = await TrainAsync(s_ridge);
        await using (p1)
        {
            await PromoteAsync(p1, v1.Version.Version);
        }

        // v2 no longer takes ORDERLINENUMBER: callers of v1 send it, and the gate says the contract changed.
        var (project, v2) = await TrainAsync(s_ridge, c => c with
        {
            Features = [.. c.Features.Where(f => f.Name != "ORDERLINENUMBER")],
            Promotion = c.Promotion with { MinImprovement = -1e12, MinRelativeImprovement = -1e6 },
        });
        await using var _ = project;
        var outcome = await PromoteAsync(project, v2.Version.Version);

        var signature = outcome.Decision.Criteria.Single(c => c.Name == "signature");
        Assert.False(signature.Passed);
        Assert.Contains("removes required feature 'ORDERLINENUMBER'", signature.Detail, StringComparison.Ordinal);
        Assert.Null(outcome.Event);
    }

    [Fact]
    public async Task Rollback_WalksBackThroughHistoryNotASwap_AndAnswersWhichVersionServedOnADate()
    {
        SextantProject? project = null;
        var promotedAt = new List<DateTimeOffset>();
        for (var i = 0; i < 3; i++)
        {
            if (project is not null)
            {
                await project.DisposeAsync();
            }

            (project, var result) = await TrainAsync(s_ridge);
            await PromoteAsync(project, result.Version.Version, force: true);
            promotedAt.Add(_time.GetUtcNow());
        }

        await using var _ = project!;
        var registry = new ModelRegistry(project!, _time);
        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(2, Assert.Single(await registry.RollbackAsync("prod", "bob")).ToVersion);
        Assert.Equal(1, Assert.Single(await registry.RollbackAsync("prod", "bob")).ToVersion);
        var error = await Assert.ThrowsAsync<SextantException>(() => registry.RollbackAsync("prod", "bob"));
        Assert.Contains("no earlier version", error.Message, StringComparison.Ordinal);

        // A promotion after the rollbacks is the change the next rollback undoes.
        await PromoteAsync(project!, 3, force: true);
        Assert.Equal(1, Assert.Single(await registry.RollbackAsync("prod", "bob")).ToVersion);

        var history = await project!.Metadata.AliasHistoryAsync(project.Name, "prod");
        Assert.Equal([1, 2, 3, 2, 1, 3, 1], history.Select(e => e.ToVersion));
        Assert.Null(ModelRegistry.VersionAt(history, "prod", promotedAt[0].AddSeconds(-1)));
        Assert.Equal(1, ModelRegistry.VersionAt(history, "prod", promotedAt[0].AddHours(1)));
        Assert.Equal(2, ModelRegistry.VersionAt(history, "prod", promotedAt[1].AddHours(1)));
        Assert.Equal(3, ModelRegistry.VersionAt(history, "prod", promotedAt[2].AddHours(1)));
    }

    [Fact]
    public async Task Rollback_SeveralStepsAtOnce_UndoesThatManyChanges()
    {
        SextantProject? project = null;
        for (var i = 0; i < 3; i++)
        {
            if (project is not null)
            {
                await project.DisposeAsync();
            }

            (project, var result) = await TrainAsync(s_ridge);
            await PromoteAsync(project, result.Version.Version, force: true);
        }

        await using var _ = project!;
        var events = await new ModelRegistry(project!, _time).RollbackAsync("prod", "bob", steps: 2, reason: "bad week");

        Assert.Equal([2, 1], events.Select(e => e.ToVersion));
        Assert.All(events, e => Assert.Equal("bad week", e.Reason));
        Assert.Equal(1, (await project!.Metadata.GetAliasesAsync(project.Name))["prod"]);
    }

    [Fact]
    public async Task Promote_CorruptedArtifact_IsDetectedByChecksumAndNothingMoves()
    {
        var (project, v1) = await TrainAsync(s_ridge);
        await using var _ = project;
        var path = ((Sextant.Storage.Artifacts.LocalArtifactStore)project.Store.Artifacts).PathOf(v1.Version.ArtifactSha256);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 2] ^= 0x20;
        await File.WriteAllBytesAsync(path, bytes);

        var error = await Assert.ThrowsAsync<SextantException>(() => PromoteAsync(project, 1));

        Assert.Contains("corrupted", error.Message, StringComparison.Ordinal);
        Assert.Empty(await project.Metadata.GetAliasesAsync(project.Name));
        await Assert.ThrowsAsync<SextantException>(() => ModelLoader.LoadAsync(project, 1));
    }

    [Fact]
    public async Task Load_ArtifactsAreGzipJson_AndPlainJsonFromEarlierVersionsStillLoads()
    {
        var (project, v1) = await TrainAsync(s_gbm);
        await using var _ = project;
        var stored = await project.Store.Artifacts.GetAsync(v1.Version.ArtifactSha256);
        Assert.Equal([0x1f, 0x8b], stored[..2]);

        // As artifacts were first written: indented, uncompressed JSON.
        var plain = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(ModelArtifact.Deserialize(stored), Sextant.Storage.SextantJson.Options);
        Assert.True(plain.Length > stored.Length * 3, $"gzip should shrink a tree model several-fold: {plain.Length} vs {stored.Length} bytes.");
        var sha = await project.Store.Artifacts.PutAsync(plain);
        var fromPlain = await ModelLoader.LoadAsync(project.Store.Artifacts, v1.Version with { ArtifactSha256 = sha });
        var fromGzip = await ModelLoader.LoadAsync(project, 1);

        using var record = System.Text.Json.JsonDocument.Parse("""{"QUANTITYORDERED":30,"PRICEEACH":95.7,"ORDERLINENUMBER":2,"MSRP":95,"QTR_ID":1,"MONTH_ID":2,"YEAR_ID":2003,"PRODUCTLINE":"Motorcycles","COUNTRY":"USA","DEALSIZE":"Small"}""");
        Assert.Equal(fromGzip.Predict(record.RootElement).Prediction!.Value, fromPlain.Predict(record.RootElement).Prediction!.Value);
    }

    [Fact]
    public async Task Promote_BadAliasOrSameVersion_AreClearErrors()
    {
        var (project, v1) = await TrainAsync(s_ridge);
        await using var _ = project;
        await Assert.ThrowsAsync<SextantException>(() => PromoteAsync(project, 1, alias: "latest"));
        await Assert.ThrowsAsync<SextantException>(() => PromoteAsync(project, 1, alias: "pro d"));
        await PromoteAsync(project, v1.Version.Version);
        var same = await Assert.ThrowsAsync<SextantException>(() => PromoteAsync(project, 1));
        Assert.Contains("already points to v1", same.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Signature_ReportsEveryChangeThatBreaksTheChampionsCallers()
    {
        FeatureSchema Schema(params FeatureDefinition[] features) => new() { Task = ProjectTask.Regression, Target = "y", Features = features };
        var champion = Schema(
            new FeatureDefinition { Name = "a", Type = FeatureKind.Numeric, Required = true },
            new FeatureDefinition { Name = "b", Type = FeatureKind.Categorical, Allowed = ["x", "y", "z"] },
            new FeatureDefinition { Name = "c", Type = FeatureKind.Numeric });

        Assert.True(PromotionGate.Signature(champion, champion).Passed);
        var broken = PromotionGate.Signature(Schema(
            new FeatureDefinition { Name = "b", Type = FeatureKind.Categorical, Allowed = ["x"] },
            new FeatureDefinition { Name = "c", Type = FeatureKind.Categorical },
            new FeatureDefinition { Name = "d", Type = FeatureKind.Numeric, Required = true }), champion);

        Assert.False(broken.Passed);
        Assert.Contains("requires new feature 'd'", broken.Detail, StringComparison.Ordinal);
        Assert.Contains("removes required feature 'a'", broken.Detail, StringComparison.Ordinal);
        Assert.Contains("changes 'c' from numeric to categorical", broken.Detail, StringComparison.Ordinal);
        Assert.Contains("no longer accepts 'y', 'z' for 'b'", broken.Detail, StringComparison.Ordinal);
    }
}
