using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Sextant.Monitoring;
using Sextant.Registry;
using Sextant.Tracking;
using Sextant.Tracking.Filters;

namespace Sextant.Storage.Sql;

/// <summary>
/// The SQL shared by both metadata stores. Subclasses supply connections, write transactions, row locks and the
/// few type mappings that differ between SQLite and PostgreSQL; every statement here is written once.
/// </summary>
public abstract partial class SqlMetadataStore : IMetadataStore
{
    private const string RunColumns = "r.id, r.project, r.name, r.status, r.start_time, r.end_time, r.duration_ms, r.learner, r.dataset_version, r.dataset_fingerprint, r.model_version, r.code_version, r.error, r.environment";
    private const string VersionColumns = "name, version, learner, artifact_sha256, dataset_version, dataset_fingerprint, metrics, created_at, run_id, description, validation_passed";
    private const string EventColumns = "id, model, alias, action, from_version, to_version, at, actor, reason, forced, decision_id, undoes_event_id";

    protected SqlMetadataStore(TimeProvider time) => Time = time;

    protected TimeProvider Time { get; }

    public abstract string Location { get; }

    /// <summary>The SQL dialect of run filters.</summary>
    protected abstract SqlDialect Dialect { get; }

    /// <summary>Appended to a SELECT to lock the rows read until the transaction ends (empty where the whole database is locked).</summary>
    protected abstract string LockClause { get; }

    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Starts a transaction that will write; SQLite takes the write lock up front so two writers never deadlock.</summary>
    protected abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    protected abstract object Timestamp(DateTimeOffset value);

    protected abstract DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal);

    public abstract ValueTask DisposeAsync();

    /// <summary>Without a change signal this waits the whole timeout (the caller then polls); PostgreSQL overrides it.</summary>
    public virtual async Task<bool> WaitForAliasChangeAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await Task.Delay(timeout, Time, cancellationToken).ConfigureAwait(false);
        return false;
    }

    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ScalarAsync(connection, null, "SELECT 1", cancellationToken).ConfigureAwait(false);
    }

    // ---------------------------------------------------------------- tracking

    public async Task<RunInfo> StartRunAsync(NewRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var now = Time.GetUtcNow();
        var id = Guid.CreateVersion7(now).ToString("N");
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, """
            INSERT INTO runs (id, project, name, status, start_time, dataset_fingerprint, dataset_version, code_version, environment, config_snapshot)
            VALUES (@id, @project, @name, 'RUNNING', @start, @fingerprint, @dataset, @code, @environment, @config)
            """, cancellationToken,
            ("@id", id), ("@project", run.Project), ("@name", run.Name), ("@start", Timestamp(now)), ("@fingerprint", run.DatasetFingerprint),
            ("@dataset", run.DatasetVersion), ("@code", run.CodeVersion), ("@environment", JsonSerializer.Serialize(run.Environment, SextantJson.Compact)),
            ("@config", run.ConfigSnapshot)).ConfigureAwait(false);
        return new RunInfo(id, run.Project, run.Name, RunStatus.Running, now)
        {
            DatasetFingerprint = run.DatasetFingerprint,
            DatasetVersion = run.DatasetVersion,
            CodeVersion = run.CodeVersion,
            Environment = run.Environment,
        };
    }

    public Task LogParamsAsync(string runId, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken = default) =>
        UpsertPairsAsync("run_params", runId, parameters, cancellationToken);

    public Task SetTagsAsync(string runId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default) =>
        UpsertPairsAsync("run_tags", runId, tags, cancellationToken);

    public async Task LogMetricsAsync(string runId, IReadOnlyDictionary<string, double> metrics, long step = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var now = Timestamp(Time.GetUtcNow());
        await WriteAsync(async (connection, transaction) =>
        {
            await RequireRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
            foreach (var (key, value) in metrics)
            {
                await ExecuteAsync(connection, transaction, """
                    INSERT INTO run_metrics (run_id, key, value, step, timestamp) VALUES (@run, @key, @value, @step, @at)
                    ON CONFLICT (run_id, key, step) DO UPDATE SET value = excluded.value, timestamp = excluded.timestamp
                    """, cancellationToken, ("@run", runId), ("@key", key), ("@value", value), ("@step", step), ("@at", now)).ConfigureAwait(false);
                // The latest value is the one at the highest step (a re-log of the same step replaces it).
                await ExecuteAsync(connection, transaction, """
                    INSERT INTO run_latest_metrics (run_id, key, value, step) VALUES (@run, @key, @value, @step)
                    ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value, step = excluded.step WHERE excluded.step >= run_latest_metrics.step
                    """, cancellationToken, ("@run", runId), ("@key", key), ("@value", value), ("@step", step)).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task LogArtifactAsync(string runId, string name, string sha256, long bytes, CancellationToken cancellationToken = default)
    {
        await WriteAsync(async (connection, transaction) =>
        {
            await RequireRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, """
                INSERT INTO run_artifacts (run_id, name, sha256, bytes) VALUES (@run, @name, @sha, @bytes)
                ON CONFLICT (run_id, name) DO UPDATE SET sha256 = excluded.sha256, bytes = excluded.bytes
                """, cancellationToken, ("@run", runId), ("@name", name), ("@sha", sha256), ("@bytes", bytes)).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RunInfo> EndRunAsync(string runId, RunStatus status, string? learner = null, int? modelVersion = null, string? error = null, CancellationToken cancellationToken = default)
    {
        var end = Time.GetUtcNow();
        await WriteAsync(async (connection, transaction) =>
        {
            var start = await RequireRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, """
                UPDATE runs SET status = @status, end_time = @end, duration_ms = @duration, learner = COALESCE(@learner, learner),
                    model_version = COALESCE(@model, model_version), error = @error
                WHERE id = @id
                """, cancellationToken, ("@status", StatusName(status)), ("@end", Timestamp(end)), ("@duration", (end - start).TotalMilliseconds),
                ("@learner", learner), ("@model", modelVersion), ("@error", error), ("@id", runId)).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return (await GetRunAsync(runId, cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<RunInfo?> GetRunAsync(string runIdOrPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runIdOrPrefix);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        await using (var command = Command(connection, null, "SELECT id FROM runs WHERE id = @id OR id LIKE @prefix ORDER BY id LIMIT 3",
            ("@id", runIdOrPrefix), ("@prefix", runIdOrPrefix.All(char.IsAsciiHexDigitLower) ? runIdOrPrefix + "%" : runIdOrPrefix)))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetString(0));
            }
        }

        var id = ids.Contains(runIdOrPrefix) ? runIdOrPrefix : ids.Count switch
        {
            0 => null,
            1 => ids[0],
            _ => throw new SextantException($"Run id prefix '{runIdOrPrefix}' is ambiguous ({string.Join(", ", ids)}...); give more characters."),
        };
        if (id is null)
        {
            return null;
        }

        var runs = await ReadRunsAsync(connection, $"SELECT {RunColumns}, r.config_snapshot FROM runs r WHERE r.id = @id", [("@id", id)], withConfig: true, cancellationToken).ConfigureAwait(false);
        return runs.SingleOrDefault();
    }

    public async Task<IReadOnlyList<MetricPoint>> MetricHistoryAsync(string runId, string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT key, value, step, timestamp FROM run_metrics WHERE run_id = @run AND key = @key ORDER BY step", ("@run", runId), ("@key", key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var points = new List<MetricPoint>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            points.Add(new MetricPoint(reader.GetString(0), reader.GetDouble(1), reader.GetInt64(2), ReadTimestamp(reader, 3)));
        }

        return points;
    }

    public async Task<IReadOnlyList<RunInfo>> SearchRunsAsync(string project, string? filter = null, string? orderBy = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var parameters = new SqlParameterSink();
        var filterTree = RunFilter.Parse(filter ?? "");
        var orderTree = RunOrder.Parse(orderBy ?? "");
        var sql = new StringBuilder($"SELECT {RunColumns} FROM runs r WHERE r.project = @project");
        if (!filterTree.IsEmpty)
        {
            sql.Append(" AND (").Append(filterTree.ToSql(Dialect, parameters)).Append(')');
        }

        // Newest first unless told otherwise; the id breaks ties so pages are stable.
        sql.Append(" ORDER BY ").Append(orderTree.IsEmpty ? "r.start_time DESC, r.id DESC" : orderTree.ToSql(Dialect, parameters)).Append(" LIMIT @limit");
        var all = parameters.Parameters.Select(p => (p.Name, (object?)p.Value)).Append(("@project", (object?)project)).Append(("@limit", (object?)limit)).ToArray();
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadRunsAsync(connection, sql.ToString(), all, withConfig: false, cancellationToken).ConfigureAwait(false);
    }

    // ---------------------------------------------------------------- registry

    public async Task<ModelVersionInfo> RegisterVersionAsync(NewModelVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        var created = Time.GetUtcNow();
        var number = 0;
        await WriteAsync(async (connection, transaction) =>
        {
            await LockModelAsync(connection, transaction, version.Name, create: true, cancellationToken).ConfigureAwait(false);
            number = 1 + Convert.ToInt32(await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM model_versions WHERE name = @name", cancellationToken, ("@name", version.Name)).ConfigureAwait(false), CultureInfo.InvariantCulture);
            await ExecuteAsync(connection, transaction, """
                INSERT INTO model_versions (name, version, learner, artifact_sha256, dataset_version, dataset_fingerprint, metrics, created_at, run_id, validation_passed)
                VALUES (@name, @version, @learner, @sha, @dv, @df, @metrics, @created, @run, @valid)
                """, cancellationToken,
                ("@name", version.Name), ("@version", number), ("@learner", version.Learner), ("@sha", version.ArtifactSha256), ("@dv", version.DatasetVersion),
                ("@df", version.DatasetFingerprint), ("@metrics", JsonSerializer.Serialize(version.Metrics, SextantJson.Compact)), ("@created", Timestamp(created)),
                ("@run", version.RunId), ("@valid", version.ValidationPassed)).ConfigureAwait(false);
            if (version.RunId is not null)
            {
                await ExecuteAsync(connection, transaction, "UPDATE runs SET model_version = @version WHERE id = @run", cancellationToken, ("@version", number), ("@run", version.RunId)).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
        return new ModelVersionInfo(version.Name, number, version.Learner, version.ArtifactSha256, version.DatasetVersion, version.DatasetFingerprint, version.Metrics, created)
        {
            RunId = version.RunId,
            ValidationPassed = version.ValidationPassed,
        };
    }

    public async Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT name FROM registered_models ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    public async Task<IReadOnlyList<ModelVersionInfo>> ListVersionsAsync(string model, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var tags = new Dictionary<int, Dictionary<string, string>>();
        await using (var tagCommand = Command(connection, null, "SELECT version, key, value FROM model_version_tags WHERE name = @name ORDER BY key", ("@name", model)))
        {
            await using var tagReader = await tagCommand.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await tagReader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var version = Convert.ToInt32(tagReader.GetValue(0), CultureInfo.InvariantCulture);
                (tags.TryGetValue(version, out var map) ? map : tags[version] = new(StringComparer.Ordinal))[tagReader.GetString(1)] = tagReader.GetString(2);
            }
        }

        await using var command = Command(connection, null, $"SELECT {VersionColumns} FROM model_versions WHERE name = @name ORDER BY version", ("@name", model));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<ModelVersionInfo>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var version = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
            list.Add(new ModelVersionInfo(reader.GetString(0), version, reader.GetString(2), reader.GetString(3), Convert.ToInt32(reader.GetValue(4), CultureInfo.InvariantCulture), reader.GetString(5),
                JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(6), SextantJson.Options)!, ReadTimestamp(reader, 7))
            {
                RunId = reader.IsDBNull(8) ? null : reader.GetString(8),
                Description = reader.IsDBNull(9) ? null : reader.GetString(9),
                ValidationPassed = reader.GetBoolean(10),
                Tags = tags.TryGetValue(version, out var map) ? map : new Dictionary<string, string>(),
            });
        }

        return list;
    }

    public Task SetVersionTagAsync(string model, int version, string key, string value, CancellationToken cancellationToken = default) =>
        WriteAsync(async (connection, transaction) =>
        {
            await RequireVersionAsync(connection, transaction, model, version, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, """
                INSERT INTO model_version_tags (name, version, key, value) VALUES (@name, @version, @key, @value)
                ON CONFLICT (name, version, key) DO UPDATE SET value = excluded.value
                """, cancellationToken, ("@name", model), ("@version", version), ("@key", key), ("@value", value)).ConfigureAwait(false);
        }, cancellationToken);

    public Task DescribeVersionAsync(string model, int version, string description, CancellationToken cancellationToken = default) =>
        WriteAsync(async (connection, transaction) =>
        {
            await RequireVersionAsync(connection, transaction, model, version, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, "UPDATE model_versions SET description = @text WHERE name = @name AND version = @version", cancellationToken,
                ("@text", description), ("@name", model), ("@version", version)).ConfigureAwait(false);
        }, cancellationToken);

    public async Task<IReadOnlyDictionary<string, int>> GetAliasesAsync(string model, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT alias, version FROM aliases WHERE model = @model ORDER BY alias", ("@model", model));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var aliases = new SortedDictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            aliases[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        return aliases;
    }

    public async Task<AliasEvent> MoveAliasAsync(AliasChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var at = Time.GetUtcNow();
        long id = 0;
        await WriteAsync(async (connection, transaction) =>
        {
            // Locking the model row serialises every alias change of this model, including the first one of an alias.
            await LockModelAsync(connection, transaction, change.Model, create: false, cancellationToken).ConfigureAwait(false);
            await RequireVersionAsync(connection, transaction, change.Model, change.ToVersion, cancellationToken).ConfigureAwait(false);
            var current = await ScalarAsync(connection, transaction, "SELECT version FROM aliases WHERE model = @model AND alias = @alias", cancellationToken,
                ("@model", change.Model), ("@alias", change.Alias)).ConfigureAwait(false);
            int? currentVersion = current is null or DBNull ? null : Convert.ToInt32(current, CultureInfo.InvariantCulture);
            if (currentVersion != change.ExpectedVersion)
            {
                throw new RegistryConflictException(
                    $"Alias '{change.Alias}' of '{change.Model}' now points to {Describe(currentVersion)}, not {Describe(change.ExpectedVersion)} as when this {change.Action} was decided; "
                    + $"another process changed it. See 'sextant registry history --alias {change.Alias}' and try again.");
            }

            await ExecuteAsync(connection, transaction, """
                INSERT INTO aliases (model, alias, version, revision, updated_at) VALUES (@model, @alias, @version, 1, @at)
                ON CONFLICT (model, alias) DO UPDATE SET version = excluded.version, revision = aliases.revision + 1, updated_at = excluded.updated_at
                """, cancellationToken, ("@model", change.Model), ("@alias", change.Alias), ("@version", change.ToVersion), ("@at", Timestamp(at))).ConfigureAwait(false);
            id = Convert.ToInt64(await ScalarAsync(connection, transaction, """
                INSERT INTO alias_events (model, alias, action, from_version, to_version, at, actor, reason, forced, decision_id, undoes_event_id)
                VALUES (@model, @alias, @action, @from, @to, @at, @actor, @reason, @forced, @decision, @undoes)
                RETURNING id
                """, cancellationToken, ("@model", change.Model), ("@alias", change.Alias), ("@action", change.Action), ("@from", currentVersion), ("@to", change.ToVersion),
                ("@at", Timestamp(at)), ("@actor", change.Actor), ("@reason", change.Reason), ("@forced", change.Forced), ("@decision", change.DecisionId), ("@undoes", change.UndoesEventId)).ConfigureAwait(false),
                CultureInfo.InvariantCulture);
        }, cancellationToken).ConfigureAwait(false);
        return new AliasEvent(id, change.Model, change.Alias, change.Action, change.ExpectedVersion, change.ToVersion, at, change.Actor, change.Reason, change.Forced, change.DecisionId, change.UndoesEventId);
    }

    public async Task<IReadOnlyList<AliasEvent>> AliasHistoryAsync(string model, string? alias = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = alias is null
            ? Command(connection, null, $"SELECT {EventColumns} FROM alias_events WHERE model = @model ORDER BY id", ("@model", model))
            : Command(connection, null, $"SELECT {EventColumns} FROM alias_events WHERE model = @model AND alias = @alias ORDER BY id", ("@model", model), ("@alias", alias));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<AliasEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new AliasEvent(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), NullableInt(reader, 4), Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture),
                ReadTimestamp(reader, 6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetBoolean(9),
                reader.IsDBNull(10) ? null : reader.GetInt64(10), reader.IsDBNull(11) ? null : reader.GetInt64(11)));
        }

        return events;
    }

    public async Task<PromotionDecision> RecordDecisionAsync(PromotionDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        long id = 0;
        await WriteAsync(async (connection, transaction) =>
        {
            id = Convert.ToInt64(await ScalarAsync(connection, transaction, """
                INSERT INTO promotion_decisions (model, alias, candidate_version, champion_version, promoted, forced, criteria, reason, evaluated_on, actor, at)
                VALUES (@model, @alias, @candidate, @champion, @promoted, @forced, @criteria, @reason, @evaluated, @actor, @at)
                RETURNING id
                """, cancellationToken, ("@model", decision.Model), ("@alias", decision.Alias), ("@candidate", decision.CandidateVersion), ("@champion", decision.ChampionVersion),
                ("@promoted", decision.Promoted), ("@forced", decision.Forced), ("@criteria", JsonSerializer.Serialize(decision.Criteria, SextantJson.Compact)),
                ("@reason", decision.Reason), ("@evaluated", decision.EvaluatedOn), ("@actor", decision.Actor), ("@at", Timestamp(decision.At))).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }, cancellationToken).ConfigureAwait(false);
        return decision with { Id = id };
    }

    public async Task<IReadOnlyList<PromotionDecision>> ListDecisionsAsync(string model, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, """
            SELECT id, model, alias, candidate_version, champion_version, promoted, forced, criteria, reason, evaluated_on, actor, at
            FROM promotion_decisions WHERE model = @model ORDER BY id
            """, ("@model", model));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var decisions = new List<PromotionDecision>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            decisions.Add(new PromotionDecision(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture), NullableInt(reader, 4),
                reader.GetBoolean(5), reader.GetBoolean(6), JsonSerializer.Deserialize<List<GateCriterion>>(reader.GetString(7), SextantJson.Options)!,
                reader.GetString(8), reader.GetString(9), reader.GetString(10), ReadTimestamp(reader, 11)));
        }

        return decisions;
    }

    // ---------------------------------------------------------------- prediction log

    public async Task<int> LogPredictionsAsync(IReadOnlyList<PredictionRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var added = 0;
        var served = records.Where(r => r.Errors is null).ToList();
        var refused = records.Where(r => r.Errors is not null).ToList();
        await WriteAsync(async (connection, transaction) =>
        {
            added = 0;
            var logged = new List<PredictionRecord>(records.Count);
            await using var command = Command(connection, transaction, """
                INSERT INTO prediction_log (request_id, model, version, alias, at, features, prediction, label, lower_bound, upper_bound, shadow_version, shadow_prediction, latency_ms, warnings)
                VALUES (@id, @model, @version, @alias, @at, @features, @prediction, @label, @lower, @upper, @shadow_version, @shadow, @latency, @warnings)
                ON CONFLICT (request_id) DO NOTHING
                """);
            // One prepared statement, its parameters bound once and re-valued per row.
            string[] names = ["@id", "@model", "@version", "@alias", "@at", "@features", "@prediction", "@label", "@lower", "@upper", "@shadow_version", "@shadow", "@latency", "@warnings"];
            var parameters = new System.Data.Common.DbParameter[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                parameters[i] = command.CreateParameter();
                parameters[i].ParameterName = names[i];
                command.Parameters.Add(parameters[i]);
            }

            foreach (var r in served)
            {
                object?[] values =
                [
                    r.RequestId, r.Model, r.Version, r.Alias, Timestamp(r.At), r.Features, r.Prediction, r.Label, r.Lower, r.Upper, r.ShadowVersion, r.ShadowPrediction, r.LatencyMs, r.Warnings,
                ];
                for (var i = 0; i < values.Length; i++)
                {
                    parameters[i].Value = values[i] ?? DBNull.Value;
                }

                if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0)
                {
                    added++;
                    logged.Add(r);
                }
            }

            await WriteBlocksAsync(connection, transaction, logged, cancellationToken).ConfigureAwait(false);
            added += await WriteRefusedAsync(connection, transaction, refused, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return added;
    }

    public async Task<bool> PredictionLoggedAsync(string requestId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ScalarAsync(connection, null, "SELECT 1 FROM prediction_log WHERE request_id = @id", cancellationToken, ("@id", requestId)).ConfigureAwait(false) is not (null or DBNull);
    }

    public async Task<IReadOnlyList<PredictionRecord>> RecentPredictionsAsync(string model, int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, """
            SELECT request_id, model, version, alias, at, features, prediction, label, lower_bound, upper_bound, shadow_version, shadow_prediction, latency_ms, warnings
            FROM prediction_log WHERE model = @model ORDER BY at DESC, request_id DESC LIMIT @limit
            """, ("@model", model), ("@limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<PredictionRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new PredictionRecord(reader.GetString(0), reader.GetString(1), Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture), reader.IsDBNull(3) ? null : reader.GetString(3),
                ReadTimestamp(reader, 4), reader.GetString(5), reader.GetDouble(6), reader.GetDouble(12))
            {
                Label = reader.IsDBNull(7) ? null : reader.GetString(7),
                Lower = reader.IsDBNull(8) ? null : reader.GetDouble(8),
                Upper = reader.IsDBNull(9) ? null : reader.GetDouble(9),
                ShadowVersion = NullableInt(reader, 10),
                ShadowPrediction = reader.IsDBNull(11) ? null : reader.GetDouble(11),
                Warnings = reader.IsDBNull(13) ? null : reader.GetString(13),
            });
        }

        return records;
    }

    // ---------------------------------------------------------------- plumbing

    /// <summary>Runs <paramref name="work"/> in a write transaction and commits it; any failure rolls everything back.</summary>
    protected async Task WriteAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await work(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    protected static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task UpsertPairsAsync(string table, string runId, IReadOnlyDictionary<string, string> pairs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        await WriteAsync(async (connection, transaction) =>
        {
            await RequireRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
            foreach (var (key, value) in pairs)
            {
                await ExecuteAsync(connection, transaction, $"INSERT INTO {table} (run_id, key, value) VALUES (@run, @key, @value) ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value",
                    cancellationToken, ("@run", runId), ("@key", key), ("@value", value)).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DateTimeOffset> RequireRunAsync(DbConnection connection, DbTransaction transaction, string runId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT start_time FROM runs WHERE id = @id", ("@id", runId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? ReadTimestamp(reader, 0)
            : throw new SextantException($"No run '{runId}' in {Location}.");
    }

    private static async Task RequireVersionAsync(DbConnection connection, DbTransaction transaction, string model, int version, CancellationToken cancellationToken)
    {
        var found = await ScalarAsync(connection, transaction, "SELECT COUNT(*) FROM model_versions WHERE name = @name AND version = @version", cancellationToken, ("@name", model), ("@version", version)).ConfigureAwait(false);
        if (Convert.ToInt64(found, CultureInfo.InvariantCulture) == 0)
        {
            var all = await ScalarAsync(connection, transaction, "SELECT COUNT(*) FROM model_versions WHERE name = @name", cancellationToken, ("@name", model)).ConfigureAwait(false);
            throw new SextantException(Convert.ToInt64(all, CultureInfo.InvariantCulture) == 0
                ? $"No model '{model}' is registered. Run 'sextant train' first."
                : $"Model '{model}' has no version {version}; see 'sextant registry list'.");
        }
    }

    private async Task LockModelAsync(DbConnection connection, DbTransaction transaction, string model, bool create, CancellationToken cancellationToken)
    {
        if (create)
        {
            await ExecuteAsync(connection, transaction, "INSERT INTO registered_models (name, created_at) VALUES (@name, @at) ON CONFLICT (name) DO NOTHING", cancellationToken,
                ("@name", model), ("@at", Timestamp(Time.GetUtcNow()))).ConfigureAwait(false);
        }

        var found = await ScalarAsync(connection, transaction, "SELECT name FROM registered_models WHERE name = @name" + LockClause, cancellationToken, ("@name", model)).ConfigureAwait(false);
        if (found is null or DBNull)
        {
            throw new SextantException($"No model '{model}' is registered. Run 'sextant train' first.");
        }
    }

    private async Task<IReadOnlyList<RunInfo>> ReadRunsAsync(DbConnection connection, string sql, (string Name, object? Value)[] parameters, bool withConfig, CancellationToken cancellationToken)
    {
        var runs = new List<RunInfo>();
        await using (var command = Command(connection, null, sql, parameters))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                runs.Add(new RunInfo(reader.GetString(0), reader.GetString(1), reader.GetString(2), ParseStatus(reader.GetString(3)), ReadTimestamp(reader, 4))
                {
                    EndTime = reader.IsDBNull(5) ? null : ReadTimestamp(reader, 5),
                    DurationMs = reader.IsDBNull(6) ? null : reader.GetDouble(6),
                    Learner = reader.IsDBNull(7) ? null : reader.GetString(7),
                    DatasetVersion = NullableInt(reader, 8),
                    DatasetFingerprint = reader.IsDBNull(9) ? null : reader.GetString(9),
                    ModelVersion = NullableInt(reader, 10),
                    CodeVersion = reader.IsDBNull(11) ? null : reader.GetString(11),
                    Error = reader.IsDBNull(12) ? null : reader.GetString(12),
                    Environment = reader.IsDBNull(13) ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(13), SextantJson.Options)!,
                    ConfigSnapshot = withConfig && !reader.IsDBNull(14) ? reader.GetString(14) : null,
                });
            }
        }

        if (runs.Count == 0)
        {
            return runs;
        }

        // The key/value children of all listed runs in four queries, not four per run.
        var ids = runs.Select((r, i) => ($"@r{i.ToString(CultureInfo.InvariantCulture)}", (object?)r.Id)).ToArray();
        var inList = string.Join(", ", ids.Select(p => p.Item1));
        var metrics = await PairsAsync<double>(connection, $"SELECT run_id, key, value FROM run_latest_metrics WHERE run_id IN ({inList})", ids, r => r.GetDouble(2), cancellationToken).ConfigureAwait(false);
        var parameters2 = await PairsAsync<string>(connection, $"SELECT run_id, key, value FROM run_params WHERE run_id IN ({inList})", ids, r => r.GetString(2), cancellationToken).ConfigureAwait(false);
        var tags = await PairsAsync<string>(connection, $"SELECT run_id, key, value FROM run_tags WHERE run_id IN ({inList})", ids, r => r.GetString(2), cancellationToken).ConfigureAwait(false);
        var artifacts = await PairsAsync<string>(connection, $"SELECT run_id, name, sha256 FROM run_artifacts WHERE run_id IN ({inList})", ids, r => r.GetString(2), cancellationToken).ConfigureAwait(false);
        return [.. runs.Select(r => r with
        {
            Metrics = metrics.GetValueOrDefault(r.Id) ?? new SortedDictionary<string, double>(StringComparer.Ordinal),
            Params = parameters2.GetValueOrDefault(r.Id) ?? new SortedDictionary<string, string>(StringComparer.Ordinal),
            Tags = tags.GetValueOrDefault(r.Id) ?? new SortedDictionary<string, string>(StringComparer.Ordinal),
            Artifacts = artifacts.GetValueOrDefault(r.Id) ?? new SortedDictionary<string, string>(StringComparer.Ordinal),
        })];
    }

    private static async Task<Dictionary<string, SortedDictionary<string, T>>> PairsAsync<T>(DbConnection connection, string sql, (string, object?)[] parameters, Func<DbDataReader, T> value, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, SortedDictionary<string, T>>(StringComparer.Ordinal);
        await using var command = Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var run = reader.GetString(0);
            (result.TryGetValue(run, out var map) ? map : result[run] = new(StringComparer.Ordinal))[reader.GetString(1)] = value(reader);
        }

        return result;
    }

    private static int? NullableInt(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static string Describe(int? version) => version is null ? "nothing" : $"v{version}";

    internal static string StatusName(RunStatus status) => status.ToString().ToUpperInvariant();

    private static RunStatus ParseStatus(string text) => Enum.Parse<RunStatus>(text, ignoreCase: true);
}
