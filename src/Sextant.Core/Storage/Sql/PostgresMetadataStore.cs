using System.Data.Common;
using Npgsql;
using Sextant.Tracking.Filters;

namespace Sextant.Storage.Sql;

/// <summary>
/// The team metadata store on PostgreSQL (Npgsql, pooled). Writes run at READ COMMITTED and lock the model's row
/// (<c>SELECT ... FOR UPDATE</c>) before allocating a version or moving an alias, so concurrent writers serialise
/// per model; unique constraints back every invariant. Migrations run under an advisory lock.
/// </summary>
public sealed class PostgresMetadataStore : SqlMetadataStore
{
    // An arbitrary constant naming Sextant's migration lock in pg_advisory_xact_lock.
    private const long MigrationLockKey = 0x5E47A47;

    private static readonly string[] s_migrations =
    [
        """
        CREATE TABLE registered_models (name TEXT PRIMARY KEY, description TEXT, created_at TIMESTAMPTZ NOT NULL);
        CREATE TABLE model_versions (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name TEXT NOT NULL REFERENCES registered_models (name),
            version INTEGER NOT NULL,
            learner TEXT NOT NULL,
            artifact_sha256 TEXT NOT NULL,
            dataset_version INTEGER NOT NULL,
            dataset_fingerprint TEXT NOT NULL,
            metrics TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            run_id TEXT,
            description TEXT,
            validation_passed BOOLEAN NOT NULL DEFAULT TRUE,
            UNIQUE (name, version));
        CREATE TABLE model_version_tags (
            name TEXT NOT NULL, version INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
            PRIMARY KEY (name, version, key), FOREIGN KEY (name, version) REFERENCES model_versions (name, version));
        CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            project TEXT NOT NULL,
            name TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('RUNNING', 'FINISHED', 'FAILED')),
            start_time TIMESTAMPTZ NOT NULL,
            end_time TIMESTAMPTZ,
            duration_ms DOUBLE PRECISION,
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
            run_id TEXT NOT NULL REFERENCES runs (id), key TEXT NOT NULL, value DOUBLE PRECISION NOT NULL, step BIGINT NOT NULL, timestamp TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (run_id, key, step));
        CREATE TABLE run_latest_metrics (
            run_id TEXT NOT NULL REFERENCES runs (id), key TEXT NOT NULL, value DOUBLE PRECISION NOT NULL, step BIGINT NOT NULL, PRIMARY KEY (run_id, key));
        CREATE INDEX run_latest_metrics_key_value ON run_latest_metrics (key, value);
        CREATE TABLE run_artifacts (run_id TEXT NOT NULL REFERENCES runs (id), name TEXT NOT NULL, sha256 TEXT NOT NULL, bytes BIGINT NOT NULL, PRIMARY KEY (run_id, name));
        CREATE TABLE aliases (
            model TEXT NOT NULL REFERENCES registered_models (name), alias TEXT NOT NULL, version INTEGER NOT NULL, revision BIGINT NOT NULL, updated_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (model, alias), FOREIGN KEY (model, version) REFERENCES model_versions (name, version));
        CREATE TABLE promotion_decisions (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, model TEXT NOT NULL, alias TEXT NOT NULL, candidate_version INTEGER NOT NULL, champion_version INTEGER,
            promoted BOOLEAN NOT NULL, forced BOOLEAN NOT NULL, criteria TEXT NOT NULL, reason TEXT NOT NULL, evaluated_on TEXT NOT NULL,
            actor TEXT NOT NULL, at TIMESTAMPTZ NOT NULL);
        CREATE TABLE alias_events (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, model TEXT NOT NULL, alias TEXT NOT NULL, action TEXT NOT NULL, from_version INTEGER, to_version INTEGER NOT NULL,
            at TIMESTAMPTZ NOT NULL, actor TEXT NOT NULL, reason TEXT, forced BOOLEAN NOT NULL,
            decision_id BIGINT REFERENCES promotion_decisions (id), undoes_event_id BIGINT REFERENCES alias_events (id));
        CREATE INDEX alias_events_model_alias ON alias_events (model, alias, id);
        CREATE FUNCTION sextant_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;
        CREATE TRIGGER alias_events_append_only BEFORE UPDATE OR DELETE ON alias_events FOR EACH ROW EXECUTE FUNCTION sextant_append_only();
        """,
        """
        CREATE TABLE prediction_log (
            request_id TEXT PRIMARY KEY, model TEXT NOT NULL, version INTEGER NOT NULL, alias TEXT, at TIMESTAMPTZ NOT NULL, features TEXT NOT NULL,
            prediction DOUBLE PRECISION NOT NULL, label TEXT, lower_bound DOUBLE PRECISION, upper_bound DOUBLE PRECISION, shadow_version INTEGER,
            shadow_prediction DOUBLE PRECISION, latency_ms DOUBLE PRECISION NOT NULL);
        CREATE INDEX prediction_log_model_at ON prediction_log (model, at);
        """,
        """
        CREATE FUNCTION sextant_alias_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('sextant_alias', NEW.model || '/' || NEW.alias);
            RETURN NEW;
        END $$;
        CREATE TRIGGER alias_events_notify AFTER INSERT ON alias_events FOR EACH ROW EXECUTE FUNCTION sextant_alias_notify();
        """,
        """
        ALTER TABLE prediction_log ADD COLUMN warnings TEXT;
        """,
        """
        CREATE TABLE reference_profiles (
            model TEXT NOT NULL, version INTEGER NOT NULL, source TEXT NOT NULL, rows BIGINT NOT NULL, created_at TIMESTAMPTZ NOT NULL, profile BYTEA NOT NULL,
            PRIMARY KEY (model, version));
        CREATE TABLE prediction_blocks (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, model TEXT NOT NULL, version INTEGER NOT NULL, alias TEXT, first_at TIMESTAMPTZ NOT NULL,
            last_at TIMESTAMPTZ NOT NULL, rows INTEGER NOT NULL, payload BYTEA NOT NULL);
        CREATE INDEX prediction_blocks_model_last ON prediction_blocks (model, last_at);
        CREATE TABLE alerts (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, model TEXT NOT NULL, version INTEGER, kind TEXT NOT NULL, severity TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('open', 'acknowledged', 'resolved')),
            opened_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL, acknowledged_at TIMESTAMPTZ, acknowledged_by TEXT, resolved_at TIMESTAMPTZ, resolved_by TEXT,
            occurrences INTEGER NOT NULL, features TEXT NOT NULL, scores TEXT NOT NULL, message TEXT NOT NULL);
        CREATE UNIQUE INDEX alerts_one_active ON alerts (model, kind) WHERE state <> 'resolved';
        ALTER TABLE prediction_log ADD COLUMN actual TEXT;
        ALTER TABLE prediction_log ADD COLUMN actual_at TIMESTAMPTZ;
        """,
        """
        CREATE TABLE scheduled_runs (
            job TEXT NOT NULL, slot TIMESTAMPTZ NOT NULL, claimed_by TEXT NOT NULL, claimed_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ, error TEXT,
            PRIMARY KEY (job, slot));
        """,
        """
        CREATE TABLE refused_requests (
            request_id TEXT PRIMARY KEY, model TEXT NOT NULL, version INTEGER NOT NULL, alias TEXT, at TIMESTAMPTZ NOT NULL, features TEXT NOT NULL, errors TEXT NOT NULL);
        CREATE INDEX refused_requests_model_at ON refused_requests (model, at);
        """,
    ];

    // The channel every alias move is announced on (by a trigger, so any writer announces it).
    private const string AliasChannel = "sextant_alias";

    private readonly NpgsqlDataSource _dataSource;
    private NpgsqlConnection? _listener;

    private PostgresMetadataStore(NpgsqlDataSource dataSource, string location, TimeProvider time)
        : base(time)
    {
        _dataSource = dataSource;
        Location = location;
    }

    public override string Location { get; }

    protected override SqlDialect Dialect => SqlDialect.Postgres;

    protected override string LockClause => " FOR UPDATE";

    /// <summary>Connects to <paramref name="url"/> (<c>postgres://user:password@host:5432/database</c>) and applies migrations.</summary>
    public static async Task<PostgresMetadataStore> OpenAsync(string url, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var (connectionString, display) = StoreLocation.PostgresConnectionString(url);
        var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new PostgresMetadataStore(dataSource, display, time ?? TimeProvider.System);
        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw new SextantException($"Cannot open the PostgreSQL store {display}: {ex.Message}", ex);
        }

        return store;
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("@key", MigrationLockKey)).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)", cancellationToken).ConfigureAwait(false);
        var current = Convert.ToInt32(await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        if (current > s_migrations.Length)
        {
            throw new SextantException($"The store {Location} has schema version {current}, newer than this Sextant understands ({s_migrations.Length}). Upgrade Sextant.");
        }

        for (var v = current; v < s_migrations.Length; v++)
        {
            await ExecuteAsync(connection, transaction, s_migrations[v], cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, "INSERT INTO schema_migrations VALUES (@version, @at)", cancellationToken, ("@version", v + 1), ("@at", Time.GetUtcNow())).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
    }

    protected override object Timestamp(DateTimeOffset value) => value.ToUniversalTime();

    protected override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.GetFieldValue<DateTimeOffset>(ordinal);
    }

    /// <summary>LISTENs on a dedicated connection (opened on first use, reopened after a failure) for alias moves.</summary>
    public override async Task<bool> WaitForAliasChangeAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            if (_listener is null)
            {
                var listener = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(listener, null, "LISTEN " + AliasChannel, cancellationToken).ConfigureAwait(false);
                _listener = listener;
            }

            return await _listener.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or IOException)
        {
            // The connection broke: drop it, wait out the interval like a poll, and listen again next time.
            if (_listener is { } broken)
            {
                _listener = null;
                await broken.DisposeAsync().ConfigureAwait(false);
            }

            return await base.WaitForAliasChangeAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_listener is { } listener)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }

        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }
}
