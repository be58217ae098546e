using Microsoft.Data.Sqlite;
using Sextant.Data.Ingest;
using Sextant.Examples;
using Sextant.Monitoring;
using Sextant.Monitoring.Drift;
using Sextant.Projects;
using Sextant.Training;

namespace Sextant.Core.Tests.Monitoring;

/// <summary>Reference profiles stored with each trained version, and built on demand for versions trained before.</summary>
public sealed class VersionReferenceTests : IDisposable
{
    private static readonly CandidateConfig[] s_ridge = [new() { Learner = "ridge", L2 = 1 }];
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<(SextantProject Project, TrainResult Result)> TrainSalesAsync(int referenceRows = 100_000)
    {
        var example = ExampleProjects.Create("sales", 900);
        var config = example.Config with
        {
            Training = example.Config.Training with { Candidates = s_ridge },
            Monitoring = new MonitoringConfig { ReferenceRows = referenceRows },
        };
        await (example with { Config = config }).WriteToAsync(_dir.Path);
        var project = await SextantProject.OpenAsync(_dir.Path);
        await Ingestion.IngestAsync(project);
        return (project, await Trainer.TrainAsync(project, new TrainOptions()));
    }

    [Fact]
    public async Task Train_StoresTheTrainingRowsProfileWithPredictionAndTarget()
    {
        var (project, result) = await TrainSalesAsync();
        await using var _ = project;

        var profile = await project.Metadata.GetReferenceProfileAsync(project.Name, result.Version.Version);

        Assert.NotNull(profile);
        Assert.Equal("training rows (dataset v1)", profile.Source);
        // Every training row (those that fitted the model and those that calibrated its intervals), no test row.
        var (info, _) = await project.Store.LoadDatasetAsync(project.Name, 1);
        Assert.Equal(info.Rows - result.Artifact.TestRows, profile.Rows);
        Assert.Equal(project.Schema.Features.Select(f => f.Name), profile.Features.Select(f => f.Name));
        Assert.Equal(DriftFeatureKind.Categorical, profile.Find("COUNTRY")!.Kind);
        Assert.Equal(DriftFeatureKind.Numeric, profile.Find("PRICEEACH")!.Kind);
        Assert.Equal("SALES", profile.Target!.Name);
        // The model's predictions on its own training rows sit close to the target's distribution (r2 > 0.9).
        var prediction = profile.Prediction!.Numeric!;
        var target = profile.Target.Numeric!;
        Assert.InRange(prediction.Mean, target.Mean * 0.95, target.Mean * 1.05);
        Assert.InRange(prediction.StandardDeviation, target.StandardDeviation * 0.8, target.StandardDeviation * 1.05);
    }

    [Fact]
    public async Task Train_ReferenceRowsCap_SamplesTheRowsAndSaysHowManyItWasAsked()
    {
        var (project, result) = await TrainSalesAsync(referenceRows: 300);
        await using var _ = project;

        var profile = (await project.Metadata.GetReferenceProfileAsync(project.Name, result.Version.Version))!;

        var (info, _) = await project.Store.LoadDatasetAsync(project.Name, 1);
        Assert.Equal(300, profile.Rows);
        Assert.Equal(info.Rows - result.Artifact.TestRows, profile.SourceRows);
        Assert.Equal(300, profile.Prediction!.Rows);
    }

    [Fact]
    public async Task OlderVersion_WithoutProfile_GetsOneFromItsDatasetOnDemandAndKeepsIt()
    {
        var (project, result) = await TrainSalesAsync();
        await using var _ = project;
        await using (var connection = new SqliteConnection($"Data Source={project.Store.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM reference_profiles";
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }

        Assert.Null(await project.Metadata.GetReferenceProfileAsync(project.Name, 1));
        var built = await VersionReference.GetOrBuildAsync(project, 1);
        var stored = await project.Metadata.GetReferenceProfileAsync(project.Name, 1);

        var (info, _) = await project.Store.LoadDatasetAsync(project.Name, 1);
        Assert.Equal(info.Rows, built.Rows);
        Assert.Equal("all rows of dataset v1 (built on demand for v1)", built.Source);
        Assert.NotNull(built.Prediction);
        Assert.NotNull(stored);
        Assert.Equal(built.Rows, stored.Rows);
        Assert.Equal(built.Find("PRICEEACH")!.Numeric!.BinEdges, stored.Find("PRICEEACH")!.Numeric!.BinEdges);
        Assert.True(info.Rows > result.Artifact.TrainRows);
    }
}
