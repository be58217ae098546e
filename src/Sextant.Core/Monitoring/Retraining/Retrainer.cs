using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sextant.Data;
using Sextant.Data.Cleaning;
using Sextant.Data.Ingest;
using Sextant.Models;
using Sextant.Projects;
using Sextant.Registry;
using Sextant.Storage;
using Sextant.Training;

namespace Sextant.Monitoring.Retraining;

/// <summary>
/// Champion/challenger retraining: fresh data from the configured source becomes a new dataset version, a challenger is
/// trained on it through the normal training path (tracked, registered), and the registry's promotion gate compares it
/// with the alias's champion on the fresh data's held-out rows. The challenger takes the alias only when it passes; the
/// decision is stored with the trigger, both metrics and both data versions, and a server serving the alias reloads.
/// </summary>
public static class Retrainer
{
    /// <summary>The run tags a retrain sets on the challenger's run.</summary>
    public const string TriggerTag = "sextant.retrain.trigger";

    public const string AlertTag = "sextant.retrain.alert_id";

    public const string ChampionTag = "sextant.retrain.champion_version";

    public const string StatusTag = "sextant.retrain.status";

    public const string DecisionTag = "sextant.retrain.decision_id";

    /// <exception cref="SextantException">The source cannot be read, the fresh data fails validation, or the configuration is unusable; no alias moved.</exception>
    public static async Task<RetrainOutcome> RunAsync(SextantProject project, RetrainRequest request, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(request);
        var config = project.Config.Monitoring.Retrain ?? new RetrainConfig();
        var alias = config.Alias ?? project.Config.Monitoring.Alias ?? "prod";
        var aliases = await project.Metadata.GetAliasesAsync(project.Name, cancellationToken).ConfigureAwait(false);
        var champion = aliases.TryGetValue(alias, out var held) ? await ModelLoader.FindAsync(project.Metadata, project.Name, held, cancellationToken).ConfigureAwait(false) : null;
        var championData = champion is null ? null : (await project.Store.LoadDatasetAsync(project.Name, champion.DatasetVersion, cancellationToken).ConfigureAwait(false)).Table;

        var source = request.File is not null ? "file" : config.Source;
        request.Progress?.Report($"Reading fresh data ({Describe(project, config, request)})");
        var (dataset, fresh) = source switch
        {
            "query" => await FromQueryAsync(project, config.Query!, cancellationToken).ConfigureAwait(false),
            "feedback" => await FromFeedbackAsync(project, championData ?? throw new SextantException(
                $"monitoring.retrain.source is feedback, but no version holds '{alias}': the labelled predictions are appended to the champion's training data. Train and promote a first version."), cancellationToken).ConfigureAwait(false),
            _ => await FromFileAsync(project, request.File ?? (config.File is { } file ? Path.Combine(project.Directory, file) : null), cancellationToken).ConfigureAwait(false),
        };
        var newRows = championData is null ? fresh.RowCount : CountNewRows(fresh, championData);
        var primary = Trainer.PrimaryMetric(project.Config);
        var outcome = new RetrainOutcome
        {
            Status = "skipped",
            Reason = "",
            Trigger = request.Trigger,
            Alias = alias,
            ChampionVersion = champion?.Version,
            ChampionDatasetVersion = champion?.DatasetVersion,
            DatasetVersion = dataset.Version,
            Rows = fresh.RowCount,
            NewRows = newRows,
            PrimaryMetric = primary,
        };
        if (newRows < config.MinNewRows && !request.IgnoreMinNewRows)
        {
            return outcome with
            {
                Reason = $"not retrained: dataset v{dataset.Version} has {newRows:N0} row(s) the champion v{champion?.Version} was not trained on, fewer than monitoring.retrain.min_new_rows ({config.MinNewRows:N0})",
            };
        }

        request.Progress?.Report($"Training a challenger on dataset v{dataset.Version} ({fresh.RowCount:N0} rows, {newRows:N0} new)");
        var tags = new Dictionary<string, string> { [TriggerTag] = request.Trigger };
        if (request.AlertId is { } alertId)
        {
            tags[AlertTag] = alertId.ToString(CultureInfo.InvariantCulture);
        }

        if (champion is not null)
        {
            tags[ChampionTag] = champion.Version.ToString(CultureInfo.InvariantCulture);
        }

        var trained = await Trainer.TrainAsync(project, new TrainOptions
        {
            DatasetVersion = dataset.Version,
            RunName = $"retrain ({request.Trigger})",
            Tags = tags,
            Progress = request.Progress,
        }, time, cancellationToken).ConfigureAwait(false);

        request.Progress?.Report($"Promotion gate: challenger v{trained.Version.Version} against {(champion is null ? "no champion" : $"champion v{champion.Version}")} for '{alias}'");
        var reason = $"retrain ({request.Trigger}): challenger trained on dataset v{dataset.Version} ({fresh.RowCount:N0} rows, {newRows:N0} new)" +
            (champion is null ? "" : $", champion v{champion.Version} trained on dataset v{champion.DatasetVersion}");
        var promotion = await new ModelRegistry(project, time).PromoteAsync(trained.Version.Version, alias, request.Actor, reason, cancellationToken: cancellationToken).ConfigureAwait(false);
        var decision = promotion.Decision;
        var metric = decision.Criteria.FirstOrDefault(c => c.Name == "primary_metric");
        var status = promotion.Event is null ? "kept" : "promoted";
        if (trained.Run is { } run)
        {
            await project.Metadata.SetTagsAsync(run.Id, new Dictionary<string, string>
            {
                [StatusTag] = status,
                [DecisionTag] = decision.Id.ToString(CultureInfo.InvariantCulture),
            }, cancellationToken).ConfigureAwait(false);
        }

        return outcome with
        {
            Status = status,
            Reason = decision.Reason,
            ChallengerVersion = trained.Version.Version,
            ChallengerMetric = metric?.Candidate ?? trained.Artifact.Metrics.GetValueOrDefault(primary),
            ChampionMetric = metric?.Champion,
            Decision = decision,
            RunId = trained.Run?.Id,
        };
    }

    private static string Describe(SextantProject project, RetrainConfig config, RetrainRequest request) =>
        request.File is { } file ? $"file {file}"
        : config.Source switch
        {
            "query" => $"query {config.Query}",
            "feedback" => "the labelled prediction log, appended to the champion's training data",
            _ => $"file {config.File ?? project.Config.Data.Path}",
        };

    private static async Task<(DatasetInfo Info, Table Table)> FromFileAsync(SextantProject project, string? file, CancellationToken cancellationToken)
    {
        var report = await Ingestion.IngestAsync(project, file, cancellationToken).ConfigureAwait(false);
        return await project.Store.LoadDatasetAsync(project.Name, report.Version, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(DatasetInfo Info, Table Table)> FromQueryAsync(SextantProject project, string sql, CancellationToken cancellationToken)
    {
        var result = await project.Store.QueryAsync(sql, int.MaxValue, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.Rows.Count == 0)
        {
            throw new SextantException($"monitoring.retrain.query returned no rows; nothing was trained: {sql}");
        }

        var columns = new List<Column>(result.Columns.Count);
        for (var c = 0; c < result.Columns.Count; c++)
        {
            var sample = result.Rows.Select(r => r[c]).FirstOrDefault(v => v is not null);
            columns.Add(sample switch
            {
                DateTime => new DateColumn(result.Columns[c], [.. result.Rows.Select(r => r[c] as DateTime?)]),
                string or null => new TextColumn(result.Columns[c], [.. result.Rows.Select(r => r[c] as string)]),
                _ => new NumericColumn(result.Columns[c], [.. result.Rows.Select(r => r[c] is null ? double.NaN : Convert.ToDouble(r[c], CultureInfo.InvariantCulture))]),
            });
        }

        return await SaveAsync(project, new Table(columns), $"query: {sql}", cancellationToken).ConfigureAwait(false);
    }

    // The champion's training rows followed by every labelled prediction, typed like the champion's columns.
    private static async Task<(DatasetInfo Info, Table Table)> FromFeedbackAsync(SextantProject project, Table championData, CancellationToken cancellationToken)
    {
        var labelled = await project.Metadata.ReadLabelledFeaturesAsync(project.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (labelled.Count == 0)
        {
            throw new SextantException("monitoring.retrain.source is feedback, but no logged prediction has an actual value yet; send them to POST /feedback or 'sextant feedback'.");
        }

        var records = labelled.Select(l => (Features: JsonDocument.Parse(l.Features).RootElement.Clone(), l.Actual)).ToList();
        var target = project.Config.Target;
        var columns = championData.Columns.Select(column => (Column)(column switch
        {
            NumericColumn => new NumericColumn(column.Name, [.. records.Select(r => Number(Value(r.Features, r.Actual, column.Name, target)))]),
            DateColumn => new DateColumn(column.Name, [.. records.Select(r => Date(Value(r.Features, r.Actual, column.Name, target)))]),
            _ => new TextColumn(column.Name, [.. records.Select(r => Value(r.Features, r.Actual, column.Name, target))]),
        })).ToList();
        return await SaveAsync(project, championData.Append(new Table(columns)), "feedback: the champion's training data and the labelled prediction log", cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(DatasetInfo Info, Table Table)> SaveAsync(SextantProject project, Table table, string source, CancellationToken cancellationToken)
    {
        var (clean, steps) = TableCleaner.Clean(table, project.Config.Cleaning);
        var info = await project.Store.SaveDatasetAsync(project.Name, clean, source, "utf-8", new { source, rows_read = table.RowCount, rows_stored = clean.RowCount, cleaning = steps }, cancellationToken).ConfigureAwait(false);
        return (info, clean);
    }

    private static string? Value(JsonElement features, string actual, string column, string target)
    {
        if (column == target)
        {
            return actual;
        }

        if (features.ValueKind == JsonValueKind.Object && features.TryGetProperty("features", out var inner) && inner.ValueKind == JsonValueKind.Object)
        {
            features = inner;
        }

        return features.ValueKind != JsonValueKind.Object || !features.TryGetProperty(column, out var value) ? null
            : value.ValueKind switch
            {
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.String => value.GetString(),
                _ => value.GetRawText(),
            };
    }

    private static double Number(string? text) =>
        text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;

    private static DateTime? Date(string? text) =>
        text is not null && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value) ? value : null;

    /// <summary>The rows of <paramref name="fresh"/> that do not occur in <paramref name="old"/>, compared on the old table's columns.</summary>
    public static int CountNewRows(Table fresh, Table old)
    {
        ArgumentNullException.ThrowIfNull(fresh);
        ArgumentNullException.ThrowIfNull(old);
        var shared = old.ColumnNames.Where(fresh.Contains).ToList();
        var seen = new HashSet<ulong>(old.RowCount);
        for (var i = 0; i < old.RowCount; i++)
        {
            seen.Add(RowKey(old, shared, i));
        }

        var count = 0;
        for (var i = 0; i < fresh.RowCount; i++)
        {
            if (!seen.Contains(RowKey(fresh, shared, i)))
            {
                count++;
            }
        }

        return count;
    }

    // The first 8 bytes of the SHA-256 of the row's values (unit separator between them): collisions are negligible at any row count here.
    private static ulong RowKey(Table table, List<string> columns, int row)
    {
        var text = new StringBuilder();
        foreach (var name in columns)
        {
            text.Append(table[name].FormatValue(row) ?? "\u2400").Append('\u001f');
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()), hash);
        return BitConverter.ToUInt64(hash);
    }
}
