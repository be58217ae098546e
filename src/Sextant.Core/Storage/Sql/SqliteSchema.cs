using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Sextant.Storage.Sql;

/// <summary>
/// The versioned schema of a project's SQLite database (datasets, runs and the registry), applied in order on open.
/// A migration never edits an earlier one: a database from any older Sextant is brought forward step by step.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] s_migrations =
    [
        // 1: datasets and the first, simple model registry.
        """
        CREATE TABLE datasets (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            version INTEGER NOT NULL,
            table_name TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            rows INTEGER NOT NULL,
            columns INTEGER NOT NULL,
            column_types TEXT NOT NULL,
            source TEXT NOT NULL,
            encoding TEXT NOT NULL,
            report TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (name, version));
        CREATE TABLE model_versions (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            version INTEGER NOT NULL,
            learner TEXT NOT NULL,
            artifact_sha256 TEXT NOT NULL,
            dataset_version INTEGER NOT NULL,
            dataset_fingerprint TEXT NOT NULL,
            metrics TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (name, version));
        """,

        // 2: tracking (runs) and the governed registry (aliases, append-only history, promotion decisions).
        """
        CREATE TABLE registered_models (name TEXT PRIMARY KEY, description TEXT, created_at TEXT NOT NULL);
        INSERT INTO registered_models (name, created_at) SELECT name, MIN(created_at) FROM model_versions GROUP BY name;
        ALTER TABLE model_versions ADD COLUMN run_id TEXT;
        ALTER TABLE model_versions ADD COLUMN description TEXT;
        ALTER TABLE model_versions ADD COLUMN validation_passed INTEGER NOT NULL DEFAULT 1;
        CREATE TABLE model_version_tags (
            name TEXT NOT NULL, version INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
            PRIMARY KEY (name, version, key), FOREIGN KEY (name, version) REFERENCES model_versions (name, version));
        CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            project TEXT NOT NULL,
            name TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('RUNNING', 'FINISHED', 'FAILED')),
            start_time TEXT NOT NULL,
            end_time TEXT,
            duration_ms REAL,
            dataset_fingerprint TEXT,
            dataset_version INTEGER,
            learner TEXT,
            model_version INTEGER,
            code_version TEXT,
            environment TEXT,
            config_snapshot TEXT,
            error TEXT);
        CREATE INDEX runs_project_start ON runs (project, start_time);
        CREATE TABLE run_params (run_id TEXT NOT NULL REFERENCES runs (id), key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key));
        CREATE TABLE run_tags (run_id TEXT NOT NULL REFERENCES runs (id), key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key));
        CREATE TABLE run_metrics (
            run_id TEXT NOT NULL REFERENCES runs (id), key TEXT NOT NULL, value REAL NOT NULL, step INTEGER NOT NULL, timestamp TEXT NOT NULL,
            PRIMARY KEY (run_id, key, step));
        CREATE TABLE run_latest_metrics (
            run_id TEXT NOT NULL REFERENCES runs (id), key TEXT NOT NULL, value REAL NOT NULL, step INTEGER NOT NULL, PRIMARY KEY (run_id, key));
        CREATE INDEX run_latest_metrics_key_value ON run_latest_metrics (key, value);
        CREATE TABLE run_artifacts (run_id TEXT NOT NULL REFERENCES runs (id), name TEXT NOT NULL, sha256 TEXT NOT NULL, bytes INTEGER NOT NULL, PRIMARY KEY (run_id, name));
        CREATE TABLE aliases (
            model TEXT NOT NULL REFERENCES registered_models (name), alias TEXT NOT NULL, version INTEGER NOT NULL, revision INTEGER NOT NULL, updated_at TEXT NOT NULL,
            PRIMARY KEY (model, alias), FOREIGN KEY (model, version) REFERENCES model_versions (name, version));
        CREATE TABLE promotion_decisions (
            id INTEGER PRIMARY KEY, model TEXT NOT NULL, alias TEXT NOT NULL, candidate_version INTEGER NOT NULL, champion_version INTEGER,
            promoted INTEGER NOT NULL, forced INTEGER NOT NULL, criteria TEXT NOT NULL, reason TEXT NOT NULL, evaluated_on TEXT NOT NULL,
            actor TEXT NOT NULL, at TEXT NOT NULL);
        CREATE TABLE alias_events (
            id INTEGER PRIMARY KEY, model TEXT NOT NULL, alias TEXT NOT NULL, action TEXT NOT NULL, from_version INTEGER, to_version INTEGER NOT NULL,
            at TEXT NOT NULL, actor TEXT NOT NULL, reason TEXT, forced INTEGER NOT NULL,
            decision_id INTEGER REFERENCES promotion_decisions (id), undoes_event_id INTEGER REFERENCES alias_events (id));
        CREATE INDEX alias_events_model_alias ON alias_events (model, alias, id);
        CREATE TRIGGER alias_events_no_update BEFORE UPDATE ON alias_events BEGIN SELECT RAISE(ABORT, 'alias_events is append-only'); END;
        CREATE TRIGGER alias_events_no_delete BEFORE DELETE ON alias_events BEGIN SELECT RAISE(ABORT, 'alias_events is append-only'); END;
        """,

        // 3: the prediction log of the server.
        """
        CREATE TABLE prediction_log (
            request_id TEXT PRIMARY KEY, model TEXT NOT NULL, version INTEGER NOT NULL, alias TEXT, at TEXT NOT NULL, features TEXT NOT NULL,
            prediction REAL NOT NULL, label TEXT, lower_bound REAL, upper_bound REAL, shadow_version INTEGER, shadow_prediction REAL, latency_ms REAL NOT NULL);
        CREATE INDEX prediction_log_model_at ON prediction_log (model, at);
        """,

        // 4: the soft findings (outside what training saw) of each logged prediction.
        """
        ALTER TABLE prediction_log ADD COLUMN warnings TEXT;
        """,

        // 5: dataset versions live in Parquet files beside the database (the path, relative to .sextant); NULL for
        // a version still in a SQLite table of an older Sextant, converted when the store opens.
        """
        ALTER TABLE datasets ADD COLUMN file TEXT;
        """,

        // 6: monitoring: reference profiles per model version, the columnar blocks of the prediction log (what a drift
        // check reads), alerts (one active per model and kind) and the realised label of a logged prediction.
        """
        CREATE TABLE reference_profiles (
            model TEXT NOT NULL, version INTEGER NOT NULL, source TEXT NOT NULL, rows INTEGER NOT NULL, created_at TEXT NOT NULL, profile BLOB NOT NULL,
            PRIMARY KEY (model, version));
        CREATE TABLE prediction_blocks (
            id INTEGER PRIMARY KEY, model TEXT NOT NULL, version INTEGER NOT NULL, alias TEXT, first_at TEXT NOT NULL, last_at TEXT NOT NULL,
            rows INTEGER NOT NULL, payload BLOB NOT NULL);
        CREATE INDEX prediction_blocks_model_last ON prediction_blocks (model, last_at);
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY, model TEXT NOT NULL, version INTEGER, kind TEXT NOT NULL, severity TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('open', 'acknowledged', 'resolved')),
            opened_at TEXT NOT NULL, updated_at TEXT NOT NULL, acknowledged_at TEXT, acknowledged_by TEXT, resolved_at TEXT, resolved_by TEXT,
            occurrences INTEGER NOT NULL, features TEXT NOT NULL, scores TEXT NOT NULL, message TEXT NOT NULL);
        CREATE UNIQUE INDEX alerts_one_active ON alerts (model, kind) WHERE state <> 'resolved';
        ALTER TABLE prediction_log ADD COLUMN actual TEXT;
        ALTER TABLE prediction_log ADD COLUMN actual_at TEXT;
        """,

        // 7: claims of scheduled runs (monitoring checks, later pipelines and retraining): one row per job and
        // occurrence, so processes sharing a store run each occurrence once.
        """
        CREATE TABLE scheduled_runs (
            job TEXT NOT NULL, slot TEXT NOT NULL, claimed_by TEXT NOT NULL, claimed_at TEXT NOT NULL, finished_at TEXT, error TEXT,
            PRIMARY KEY (job, slot));
        """,

        // 8: requests the server refused for breaking declared schema rules (what schema_violations alerts count),
        // kept apart from the served predictions so drift windows never see them.
        """
        CREATE TABLE refused_requests (
            request_id TEXT PRIMARY KEY, model TEXT NOT NULL, version INTEGER NOT NULL, alias TEXT, at TEXT NOT NULL, features TEXT NOT NULL, errors TEXT NOT NULL);
        CREATE INDEX refused_requests_model_at ON refused_requests (model, at);
        """,
    ];

    /// <summary>The schema version this code writes.</summary>
    public static int CurrentVersion => s_migrations.Length;

    /// <summary>Opens a connection with the settings every Sextant connection uses (busy timeout, foreign keys).</summary>
    public static async Task<SqliteConnection> ConnectAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    public static string ConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString();

    /// <summary>Creates the database when needed, switches it to WAL, and applies the missing migrations in one transaction.</summary>
    public static async Task MigrateAsync(string path, TimeProvider time, int? upTo = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var connection = await ConnectAsync(ConnectionString(path), cancellationToken).ConfigureAwait(false);
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);";
            await setup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // Serializable is BEGIN IMMEDIATE: two processes opening a new store at once migrate it once.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
        var current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        var target = Math.Min(upTo ?? s_migrations.Length, s_migrations.Length);
        if (current > s_migrations.Length)
        {
            throw new SextantException($"The store {path} has schema version {current}, newer than this Sextant understands ({s_migrations.Length}). Upgrade Sextant.");
        }

        for (var v = current; v < target; v++)
        {
            await using var migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            migrate.CommandText = s_migrations[v] + "; INSERT INTO schema_migrations VALUES ($version, $at);";
            migrate.Parameters.AddWithValue("$version", v + 1);
            migrate.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
