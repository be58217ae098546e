using System.Globalization;
using System.Text.Json;
using Sextant.Data;
using Sextant.Forecasting.Segments;
using Sextant.Forecasting.Selection;
using Sextant.Projects;
using Sextant.Registry;
using Sextant.Storage;
using Sextant.Tracking;

namespace Sextant.Forecasting.Registry;

/// <summary>
/// Forecast models as registered versions of the project's forecast model (<c>{project}_forecast</c>): trained from the
/// <c>forecast:</c> block on a stored dataset version (tracked as a run, with the holdout's accuracy as metrics),
/// loaded back by version or alias, and served by refitting each segment's chosen method.
/// </summary>
public static class ForecastVersions
{
    /// <summary>The registered model of a project's forecasts.</summary>
    public static string ModelName(SextantProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return project.Name + "_forecast";
    }

    /// <summary>The project's <c>forecast:</c> block, or a clear error when it has none.</summary>
    public static ForecastConfig Config(SextantProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return project.Config.Forecast ?? throw new SextantException(
            $"The project '{project.Config.Name}' has no 'forecast:' block in sextant.yaml; add one (time, value, and optionally segments, frequency, horizon) to train forecast versions.");
    }

    /// <summary>
    /// Builds every segment's series from a stored dataset version (the latest by default), scores the configured
    /// method on the last <see cref="ForecastConfig.HoldoutPoints"/> periods against the naive baselines, fits it to the
    /// whole series, and registers the result as the next version, tracked as a run.
    /// </summary>
    /// <exception cref="SextantException">No forecast block, the columns do not fit, or no segment could be forecast; nothing is registered.</exception>
    public static async Task<(ModelVersionInfo Version, ForecastArtifact Artifact, RunInfo Run)> TrainAsync(
        SextantProject project, int? datasetVersion = null, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        var config = Config(project);
        var (info, table) = await project.Store.LoadDatasetAsync(project.Name, datasetVersion, cancellationToken).ConfigureAwait(false);
        var prepared = Prepare(config, table);
        var method = ForecastMethods.Parse(config.Method);
        var options = new SegmentForecastOptions
        {
            Time = config.Time,
            Value = config.Value,
            By = config.Segments,
            Horizon = config.Horizon,
            Holdout = config.HoldoutPoints,
            Method = method,
            Levels = config.Levels,
            Aggregation = config.Aggregation == "mean" ? SeriesAggregation.Mean : SeriesAggregation.Sum,
            Missing = Enum.Parse<MissingPeriodPolicy>(config.Missing, ignoreCase: true),
            Season = config.Season,
            Lambda = Transforms.BoxCox.Parse(config.Lambda),
            HoldoutMethods = [ForecastMethod.Naive, ForecastMethod.SeasonalNaive],
        };
        var results = await Task.Run(() => SegmentForecaster.Run(prepared, options, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
        var scored = ForecastMethods.Key(method);
        var segments = results.Select(r => new ForecastSegment
        {
            Key = r.Key,
            Values = r.Series is { } s ? s.Series.Values.ToArray() : [],
            Frequency = r.Series?.Series.Frequency ?? SeriesFrequency.Periods,
            Start = r.Series?.Series.TimeAt(0),
            FirstPeriod = r.Series?.Series.FirstPeriod ?? 1,
            SeasonLength = r.Series?.Series.SeasonLength ?? 1,
            Filled = r.Series?.Filled ?? 0,
            Method = r.Method is { } m ? ForecastMethods.Key(m) : null,
            Model = r.Model?.Name,
            Holdout = r.Holdout?.Find(scored)?.Accuracy,
            Failure = r.Failure ?? (r.Holdout?.Find(scored) is { Failure: { } failed } ? $"holdout: {failed}" : null),
        }).ToList();
        if (segments.All(s => s.Method is null))
        {
            throw new SextantException($"No segment could be forecast: {string.Join("; ", segments.Select(s => $"{s.Label}: {s.Failure}").Take(5))}");
        }

        var metrics = Metrics(segments, results, config);
        var artifact = new ForecastArtifact
        {
            Name = ModelName(project),
            Config = config,
            DatasetVersion = info.Version,
            DatasetFingerprint = info.Fingerprint,
            HoldoutPoints = config.HoldoutPoints,
            Segments = segments,
            Metrics = metrics,
        };

        var bytes = JsonSerializer.SerializeToUtf8Bytes(artifact, SextantJson.Compact);
        var sha = await project.Store.Artifacts.PutAsync(bytes, cancellationToken).ConfigureAwait(false);
        var run = await project.Metadata.StartRunAsync(new NewRun(project.Name, $"forecast ({config.Method})")
        {
            DatasetFingerprint = info.Fingerprint,
            DatasetVersion = info.Version,
            ConfigSnapshot = ProjectWriter.ToYaml(project.Config),
        }, cancellationToken).ConfigureAwait(false);
        await project.Metadata.LogParamsAsync(run.Id, new Dictionary<string, string>
        {
            ["method"] = config.Method,
            ["time"] = config.Time,
            ["value"] = config.Value,
            ["segments"] = string.Join(",", config.Segments),
            ["frequency"] = config.Frequency ?? segments.First(s => s.Method is not null).Frequency.ToString().ToLowerInvariant(),
            ["horizon"] = config.Horizon.ToString(CultureInfo.InvariantCulture),
            ["holdout"] = config.HoldoutPoints.ToString(CultureInfo.InvariantCulture),
        }, cancellationToken).ConfigureAwait(false);
        await project.Metadata.LogMetricsAsync(run.Id, metrics, cancellationToken: cancellationToken).ConfigureAwait(false);
        await project.Metadata.LogArtifactAsync(run.Id, "forecast", sha, bytes.Length, cancellationToken).ConfigureAwait(false);
        var learner = $"forecast:{config.Method}";
        var version = await project.Metadata.RegisterVersionAsync(new NewModelVersion(artifact.Name, learner, sha, info.Version, info.Fingerprint, metrics, run.Id, ValidationPassed: true), cancellationToken).ConfigureAwait(false);
        run = await project.Metadata.EndRunAsync(run.Id, RunStatus.Finished, learner, version.Version, cancellationToken: cancellationToken).ConfigureAwait(false);
        return (version, artifact, run);
    }

    /// <summary>A registered forecast version (the newest without <paramref name="version"/>) and its artifact, checked against its SHA-256.</summary>
    public static async Task<(ModelVersionInfo Version, ForecastArtifact Artifact)> LoadAsync(SextantProject project, int? version = null, CancellationToken cancellationToken = default)
    {
        var name = ModelName(project);
        var info = await Models.ModelLoader.FindAsync(project.Metadata, name, version, cancellationToken).ConfigureAwait(false);
        var bytes = await project.Store.Artifacts.GetAsync(info.ArtifactSha256, cancellationToken).ConfigureAwait(false);
        var artifact = JsonSerializer.Deserialize<ForecastArtifact>(bytes, SextantJson.Compact);
        return artifact is { Format: ForecastArtifact.CurrentFormat }
            ? (info, artifact)
            : throw new SextantException($"{name} v{info.Version} is not a forecast artifact this Sextant reads (format '{artifact?.Format}').");
    }

    /// <summary>Fits a segment's chosen method to its whole series, with the version's Box-Cox setting (what serving does once per version and segment).</summary>
    public static IForecastModel Fit(ForecastArtifact artifact, ForecastSegment segment)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        ArgumentNullException.ThrowIfNull(segment);
        return segment.Method is { } method
            ? ForecastMethods.Fit(segment.Series(), ForecastMethods.Parse(method), Transforms.BoxCox.Parse(artifact.Config.Lambda))
            : throw new SextantException($"Segment {segment.Label} has no fitted model: {segment.Failure}");
    }

    /// <summary>The rows the series are built from: the filters applied, dates rolled up to the configured frequency's period start.</summary>
    public static Table Prepare(ForecastConfig config, Table table)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(table);
        foreach (var column in config.Filters.Keys.Concat(config.Segments).Append(config.Time).Append(config.Value))
        {
            if (!table.Contains(column))
            {
                throw new SextantException($"forecast: the column '{column}' is not in the dataset (columns: {string.Join(", ", table.ColumnNames)}).");
            }
        }

        if (config.Filters.Count > 0)
        {
            var keep = new bool[table.RowCount];
            for (var r = 0; r < keep.Length; r++)
            {
                keep[r] = config.Filters.All(f => table[f.Key].FormatValue(r) == f.Value);
            }

            table = table.Where(keep);
            if (table.RowCount == 0)
            {
                throw new SextantException($"forecast.filters keep no row ({string.Join(", ", config.Filters.Select(f => $"{f.Key}={f.Value}"))}).");
            }
        }

        if (config.Frequency is not { } frequency || table[config.Time] is not DateColumn dates)
        {
            return table;
        }

        var rolled = new DateTime?[table.RowCount];
        for (var r = 0; r < rolled.Length; r++)
        {
            rolled[r] = dates[r] is { } d ? PeriodStart(d.Date, frequency) : null;
        }

        return table.With(new DateColumn(config.Time, rolled));
    }

    private static DateTime PeriodStart(DateTime day, string frequency) => frequency switch
    {
        "weekly" => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        "monthly" => new DateTime(day.Year, day.Month, 1, 0, 0, 0, day.Kind),
        "quarterly" => new DateTime(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1, 0, 0, 0, day.Kind),
        _ => day,
    };

    // Holdout accuracy averaged over the segments that have one, beside the naive baselines' on the same periods.
    private static Dictionary<string, double> Metrics(List<ForecastSegment> segments, IReadOnlyList<SegmentForecast> results, ForecastConfig config)
    {
        var scored = segments.Where(s => s.Holdout is not null).ToList();
        var metrics = new Dictionary<string, double>
        {
            ["segments"] = segments.Count,
            ["forecast_segments"] = segments.Count(s => s.Method is not null),
            ["scored_segments"] = scored.Count,
            ["filled_periods"] = segments.Sum(s => s.Filled),
        };
        if (scored.Count > 0)
        {
            metrics["smape"] = scored.Average(s => s.Holdout!.Smape);
            metrics["mase"] = scored.Where(s => double.IsFinite(s.Holdout!.Mase)).Select(s => s.Holdout!.Mase).DefaultIfEmpty(double.NaN).Average();
            metrics["mape"] = scored.Where(s => double.IsFinite(s.Holdout!.Mape)).Select(s => s.Holdout!.Mape).DefaultIfEmpty(double.NaN).Average();
            metrics["rmse"] = scored.Average(s => s.Holdout!.Rmse);
            foreach (var level in config.Levels)
            {
                var covered = scored.Where(s => s.Holdout!.Coverage.ContainsKey(level)).Select(s => s.Holdout!.Coverage[level]).ToList();
                if (covered.Count > 0)
                {
                    metrics[string.Create(CultureInfo.InvariantCulture, $"coverage_{level:0.##}")] = covered.Average();
                }
            }
        }

        foreach (var baseline in new[] { ForecastMethod.Naive, ForecastMethod.SeasonalNaive })
        {
            var key = ForecastMethods.Key(baseline);
            var values = results.Select(r => r.Holdout?.Find(key)?.Accuracy?.Smape).OfType<double>().ToList();
            if (values.Count > 0)
            {
                metrics[$"{key}_smape"] = values.Average();
            }
        }

        return metrics.Where(kv => !double.IsNaN(kv.Value)).ToDictionary();
    }
}
