using Sextant.Data;
using Sextant.Models;
using Sextant.Monitoring.Drift;
using Sextant.Projects;

namespace Sextant.Monitoring;

/// <summary>
/// The reference profile of a model version: its training rows (sampled down to <see cref="MonitoringConfig.ReferenceRows"/>)
/// with the model's predictions on them and the target. Stored at training; versions trained before profiles were
/// stored get one on demand from their dataset version.
/// </summary>
public static class VersionReference
{
    /// <summary>Profiles <paramref name="rows"/> (features, the predictions of <paramref name="predictor"/>, the target).</summary>
    public static ReferenceProfile Build(Predictor predictor, Table rows, string source, int maxRows = 100_000, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(rows);
        var sourceRows = rows.RowCount;
        if (rows.RowCount > maxRows)
        {
            // The same rows for features, predictions and target: sample first, then score only the sample.
            rows = rows.Take(Sample(rows.RowCount, maxRows, seed));
        }

        var schema = predictor.Artifact.Schema;
        var features = DriftColumns.Features(rows, schema);
        var prediction = rows.RowCount == 0 ? null : DriftColumn.Numeric("prediction", predictor.PredictTable(rows));
        var profile = ReferenceProfiler.Build(features, prediction, DriftColumns.Target(rows, schema), new ReferenceProfileOptions { MaxRows = maxRows, Seed = seed });
        return profile with { SourceRows = sourceRows, Source = source };
    }

    /// <summary>
    /// The stored profile of a version, or (for a version trained before profiles were stored) one built now from all
    /// rows of its dataset version and stored.
    /// </summary>
    /// <exception cref="SextantException">The version or its dataset is gone.</exception>
    public static async Task<ReferenceProfile> GetOrBuildAsync(SextantProject project, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (await project.Metadata.GetReferenceProfileAsync(project.Name, version, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            return stored;
        }

        return await RebuildAsync(project, version, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Builds the profile of a version from all rows of its dataset version and stores it (replacing one).</summary>
    public static async Task<ReferenceProfile> RebuildAsync(SextantProject project, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        var info = await ModelLoader.FindAsync(project.Metadata, project.Name, version, cancellationToken).ConfigureAwait(false);
        var predictor = await ModelLoader.LoadAsync(project.Store.Artifacts, info, cancellationToken).ConfigureAwait(false);
        var (dataset, table) = await project.Store.LoadDatasetAsync(project.Name, info.DatasetVersion, cancellationToken).ConfigureAwait(false);
        var profile = Build(predictor, table, $"all rows of dataset v{dataset.Version} (built on demand for v{version})", project.Config.Monitoring.ReferenceRows);
        await project.Metadata.SaveReferenceProfileAsync(project.Name, version, profile, cancellationToken).ConfigureAwait(false);
        return profile;
    }

    private static int[] Sample(int rows, int take, int seed)
    {
        var order = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            order[i] = i;
        }

        var random = new Random(seed);
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, rows);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var chosen = order[..take];
        Array.Sort(chosen);
        return chosen;
    }
}
