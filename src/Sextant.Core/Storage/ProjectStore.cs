using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Sextant.Data;
using Sextant.Monitoring;
using Sextant.Storage.Artifacts;
using Sextant.Storage.Columnar;
using Sextant.Storage.Sql;

namespace Sextant.Storage;

/// <summary>
/// A project's data store: dataset versions as Parquet files in <c>.sextant/datasets</c> (every version kept,
/// content-addressed by fingerprint, queried with DuckDB), their catalogue in the SQLite database
/// <c>.sextant/sextant.db</c>, and the artifacts (the folder <c>.sextant/artifacts</c> unless <see cref="ArtifactLocation"/> names
/// another store). Runs and the registry are in the <see cref="IMetadataStore"/>,
/// by default in the same database. Schema migrations are applied on open; every write is a transaction.
/// </summary>
public sealed class ProjectStore
{
    /// <summary>The store folder inside a project.</summary>
    public const string FolderName = ".sextant";

    private readonly string _connectionString;
    private readonly TimeProvider _time;

    /// <summary>The folder of dataset files inside the store folder.</summary>
    public const string DatasetFolderName = "datasets";

    private readonly string _folder;

    private ProjectStore(string folder, string databasePath, ArtifactStore artifacts, TimeProvider time)
    {
        _folder = Path.GetFullPath(folder);
        DatabasePath = databasePath;
        Artifacts = artifacts;
        _connectionString = SqliteSchema.ConnectionString(DatabasePath);
        _time = time;
    }

    public string DatabasePath { get; }

    public ArtifactStore Artifacts { get; }

    /// <summary>
    /// Opens (creating when needed) the store of a project and applies migrations: the database at
    /// <paramref name="databasePath"/> (default <c>.sextant/sextant.db</c>) and the artifacts at <paramref name="artifactsUrl"/>
    /// (<see cref="ArtifactLocation.Open"/>; default the folder <c>.sextant/artifacts</c>).
    /// </summary>
    public static async Task<ProjectStore> OpenAsync(string projectDirectory, TimeProvider? time = null, string? databasePath = null, string? artifactsUrl = null, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(projectDirectory, FolderName);
        var artifacts = ArtifactLocation.Open(artifactsUrl, Path.GetFullPath(projectDirectory), Path.Combine(folder, "artifacts"));
        var store = new ProjectStore(folder, Path.GetFullPath(databasePath ?? Path.Combine(folder, "sextant.db")), artifacts, time ?? TimeProvider.System);
        await SqliteSchema.MigrateAsync(store.DatabasePath, store._time, cancellationToken: cancellationToken).ConfigureAwait(false);
        await store.UpgradeAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <summary>
    /// Stores a new version of a dataset: the table goes to a zstd Parquet file named by its fingerprint
    /// (<c>.sextant/datasets/&lt;fingerprint&gt;.parquet</c>, written to a temporary name, flushed, then renamed, so a
    /// file under that name is always whole; equal versions share it), then the version is recorded in one transaction.
    /// A failure or a kill at any point leaves the version list as it was.
    /// </summary>
    public async Task<DatasetInfo> SaveDatasetAsync(string name, Table table, string source, string encoding, object report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var writer = CreateDatasetWriter();
        await writer.WriteAsync(table, cancellationToken).ConfigureAwait(false);
        return await writer.CommitAsync(name, source, encoding, report, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A writer of a new dataset version whose rows arrive chunk by chunk (see <see cref="DatasetWriter"/>): the same
    /// file, fingerprint and catalogue row as <see cref="SaveDatasetAsync"/> of the whole table.
    /// </summary>
    public DatasetWriter CreateDatasetWriter() => new(_folder, RecordDatasetAsync);

    /// <summary>Records a completed dataset file as the next version of <paramref name="name"/>, in one transaction.</summary>
    private async Task<DatasetInfo> RecordDatasetAsync(DatasetWriter written, string name, string source, string encoding, object report, CancellationToken cancellationToken)
    {
        var baseName = SqlName(name);
        var fingerprint = written.Fingerprint!;
        var file = written.File!;
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        // BEGIN IMMEDIATE: two ingests at once get versions N and N+1, never the same one.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        var version = 1 + Convert.ToInt32(await ScalarAsync(connection, transaction, $"SELECT COALESCE(MAX(version), 0) FROM datasets WHERE name = '{baseName}'", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        var info = new DatasetInfo(baseName, version, $"{baseName}_v{version}", fingerprint, written.Rows, written.Columns.Count, source, encoding, _time.GetUtcNow()) { File = file };
        await using (var record = connection.CreateCommand())
        {
            record.Transaction = transaction;
            record.CommandText = """
                INSERT INTO datasets (name, version, table_name, fingerprint, rows, columns, column_types, source, encoding, report, created_at, file)
                VALUES ($name, $version, $table, $fingerprint, $rows, $columns, $types, $source, $encoding, $report, $created, $file)
                """;
            record.Parameters.AddWithValue("$name", baseName);
            record.Parameters.AddWithValue("$version", version);
            record.Parameters.AddWithValue("$table", info.TableName);
            record.Parameters.AddWithValue("$fingerprint", fingerprint);
            record.Parameters.AddWithValue("$rows", written.Rows);
            record.Parameters.AddWithValue("$columns", written.Columns.Count);
            record.Parameters.AddWithValue("$types", JsonSerializer.Serialize(written.Columns.ToDictionary(c => c.Name, c => c.Type.ToString()), SextantJson.Compact));
            record.Parameters.AddWithValue("$source", source);
            record.Parameters.AddWithValue("$encoding", encoding);
            record.Parameters.AddWithValue("$report", JsonSerializer.Serialize(report, report.GetType(), SextantJson.Compact));
            record.Parameters.AddWithValue("$created", info.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            record.Parameters.AddWithValue("$file", file);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return info;
    }

    /// <summary>All stored versions of a dataset, oldest first.</summary>
    public async Task<IReadOnlyList<DatasetInfo>> ListDatasetsAsync(string name, CancellationToken cancellationToken = default) =>
        await ListAsync("WHERE name = $name", SqlName(name), cancellationToken).ConfigureAwait(false);

    /// <summary>Every stored version of every dataset, by name then version.</summary>
    public Task<IReadOnlyList<DatasetInfo>> ListAllDatasetsAsync(CancellationToken cancellationToken = default) =>
        ListAsync("", null, cancellationToken);

    /// <summary>A version (the latest when <paramref name="version"/> is null), or a clear error naming the versions there are.</summary>
    public async Task<DatasetInfo> FindDatasetAsync(string name, int? version = null, CancellationToken cancellationToken = default)
    {
        var versions = await ListDatasetsAsync(name, cancellationToken).ConfigureAwait(false);
        return (version is null ? versions.LastOrDefault() : versions.FirstOrDefault(v => v.Version == version))
            ?? throw new SextantException(version is null || versions.Count == 0
                ? $"No data has been ingested for '{name}' yet. Run 'sextant ingest' first."
                : $"Dataset '{name}' has no version {version}; versions: {string.Join(", ", versions.Select(v => v.Version))}.");
    }

    /// <summary>The full path of a version's Parquet file.</summary>
    public string DatasetFilePath(DatasetInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return Path.Combine(_folder, info.File ?? throw new SextantException($"Dataset {info.Name} v{info.Version} has no Parquet file."));
    }

    /// <summary>Loads a dataset version (the latest when <paramref name="version"/> is null) as a typed table, straight from its Parquet columns.</summary>
    public async Task<(DatasetInfo Info, Table Table)> LoadDatasetAsync(string name, int? version = null, CancellationToken cancellationToken = default)
    {
        var info = await FindDatasetAsync(name, version, cancellationToken).ConfigureAwait(false);
        var path = DatasetFilePath(info);
        if (!File.Exists(path))
        {
            throw new SextantException($"The file of dataset {info.Name} v{info.Version} is missing: {path}. Restore it from a backup or ingest again.");
        }

        var (table, _) = await ParquetTables.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        return (info, table);
    }

    /// <summary>
    /// Runs one read-only SQL query (DuckDB) over the stored versions: a view <c>name_vN</c> per version, <c>name</c> for
    /// the latest, the catalogue table <c>datasets</c>, and, when <paramref name="predictions"/> is given, a table
    /// <c>predictions</c> of those logged predictions.
    /// </summary>
    /// <exception cref="SextantException">A write statement, more than one statement, or an error in the query.</exception>
    public async Task<QueryResult> QueryAsync(string sql, int maxRows = 10_000, IReadOnlyList<PredictionRecord>? predictions = null, CancellationToken cancellationToken = default)
    {
        var datasets = await ListAllDatasetsAsync(cancellationToken).ConfigureAwait(false);
        await using var workspace = await SqlWorkspace.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var info in datasets)
        {
            await workspace.AddParquetViewAsync(info.TableName, DatasetFilePath(info), cancellationToken).ConfigureAwait(false);
        }

        foreach (var latest in datasets.GroupBy(d => d.Name).Select(g => g.Last()))
        {
            await workspace.AddAliasViewAsync(latest.Name, latest.TableName, cancellationToken).ConfigureAwait(false);
        }

        await workspace.AddTableAsync("datasets",
            [("name", "VARCHAR"), ("version", "INTEGER"), ("table_name", "VARCHAR"), ("fingerprint", "VARCHAR"), ("rows", "BIGINT"), ("columns", "INTEGER"),
             ("source", "VARCHAR"), ("encoding", "VARCHAR"), ("created_at", "TIMESTAMP"), ("file", "VARCHAR")],
            datasets.Select(d => new object?[] { d.Name, d.Version, d.TableName, d.Fingerprint, (long)d.Rows, d.Columns, d.Source, d.Encoding, d.CreatedAt, d.File }),
            cancellationToken).ConfigureAwait(false);
        if (predictions is not null)
        {
            await workspace.AddTableAsync("predictions",
                [("request_id", "VARCHAR"), ("model", "VARCHAR"), ("version", "INTEGER"), ("alias", "VARCHAR"), ("logged_at", "TIMESTAMP"), ("features", "JSON"),
                 ("prediction", "DOUBLE"), ("lower", "DOUBLE"), ("upper", "DOUBLE"), ("label", "VARCHAR"), ("shadow_version", "INTEGER"), ("shadow_prediction", "DOUBLE"),
                 ("latency_ms", "DOUBLE"), ("warnings", "JSON")],
                predictions.Select(p => new object?[] { p.RequestId, p.Model, p.Version, p.Alias, p.At, p.Features, p.Prediction, p.Lower, p.Upper, p.Label, p.ShadowVersion, p.ShadowPrediction, p.LatencyMs, p.Warnings }),
                cancellationToken).ConfigureAwait(false);
        }

        return await workspace.QueryAsync(sql, maxRows, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a version (the latest when <paramref name="version"/> is null) to <paramref name="output"/> as Parquet or CSV.</summary>
    public async Task<DatasetInfo> ExportDatasetAsync(string name, int? version, string format, string output, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(output);
        var info = await FindDatasetAsync(name, version, cancellationToken).ConfigureAwait(false);
        var target = Path.GetFullPath(output);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = target + ".partial";
        File.Delete(temporary);
        switch (format.ToLowerInvariant())
        {
            case "parquet":
                File.Copy(DatasetFilePath(info), temporary);
                break;
            case "csv":
                var (_, table) = await LoadDatasetAsync(name, info.Version, cancellationToken).ConfigureAwait(false);
                await CsvTableWriter.WriteAsync(table, temporary, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new SextantException($"Unknown export format '{format}'; use parquet or csv.");
        }

        File.Move(temporary, target, overwrite: true);
        return info;
    }

    private async Task<IReadOnlyList<DatasetInfo>> ListAsync(string where, string? name, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name, version, table_name, fingerprint, rows, columns, source, encoding, created_at, file FROM datasets {where} ORDER BY name, version";
        if (name is not null)
        {
            command.Parameters.AddWithValue("$name", name);
        }

        var list = new List<DatasetInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new DatasetInfo(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetString(6), reader.GetString(7),
                DateTimeOffset.Parse(reader.GetString(8), CultureInfo.InvariantCulture)) { File = reader.IsDBNull(9) ? null : reader.GetString(9) });
        }

        return list;
    }

    /// <summary>
    /// Brings versions stored by an older Sextant (SQLite tables) to Parquet, checking each fingerprint, and removes
    /// temporary files a killed ingest left behind (older than an hour: a running ingest's file is younger).
    /// </summary>
    private async Task UpgradeAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(_folder, DatasetFolderName);
        if (Directory.Exists(folder))
        {
            foreach (var partial in Directory.EnumerateFiles(folder).Where(DatasetWriter.IsPartial))
            {
                if (_time.GetUtcNow() - File.GetLastWriteTimeUtc(partial) > TimeSpan.FromHours(1))
                {
                    File.Delete(partial);
                }
            }
        }

        var legacy = (await ListAllDatasetsAsync(cancellationToken).ConfigureAwait(false)).Where(d => d.File is null).ToList();
        foreach (var info in legacy)
        {
            var table = await LoadLegacyTableAsync(info, cancellationToken).ConfigureAwait(false);
            var fingerprint = DatasetFingerprint.Compute(table);
            if (fingerprint != info.Fingerprint)
            {
                throw new SextantException($"Dataset {info.Name} v{info.Version} in {DatabasePath} does not match its fingerprint; it was not converted to Parquet.");
            }

            string file;
            await using (var writer = CreateDatasetWriter())
            {
                await writer.WriteAsync(table, cancellationToken).ConfigureAwait(false);
                file = await writer.CompleteFileAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
            await using (var update = connection.CreateCommand())
            {
                update.Transaction = transaction;
                update.CommandText = "UPDATE datasets SET file = $file WHERE name = $name AND version = $version AND file IS NULL";
                update.Parameters.AddWithValue("$file", file);
                update.Parameters.AddWithValue("$name", info.Name);
                update.Parameters.AddWithValue("$version", info.Version);
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await ExecuteAsync(connection, transaction, $"DROP VIEW IF EXISTS {Quote(info.Name)}; DROP TABLE IF EXISTS {Quote(info.TableName)}", cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads a version that an older Sextant kept as a SQLite table.</summary>
    private async Task<Table> LoadLegacyTableAsync(DatasetInfo info, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        var typesJson = (string)(await ScalarAsync(connection, null, $"SELECT column_types FROM datasets WHERE name = '{info.Name}' AND version = {info.Version}", cancellationToken).ConfigureAwait(false))!;
        var types = JsonSerializer.Deserialize<Dictionary<string, string>>(typesJson)!;
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {Quote(info.TableName)} ORDER BY rowid";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var cells = names.Select(_ => new List<object?>(info.Rows)).ToArray();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var c = 0; c < names.Length; c++)
            {
                cells[c].Add(reader.IsDBNull(c) ? null : reader.GetValue(c));
            }
        }

        var columns = new Column[names.Length];
        for (var c = 0; c < names.Length; c++)
        {
            columns[c] = Enum.Parse<ColumnType>(types[names[c]]) switch
            {
                ColumnType.Numeric => new NumericColumn(names[c], [.. cells[c].Select(v => v is null ? double.NaN : Convert.ToDouble(v, CultureInfo.InvariantCulture))]),
                ColumnType.Date => new DateColumn(names[c], [.. cells[c].Select(v => v is null ? (DateTime?)null : DateTime.ParseExact((string)v, DateColumn.CanonicalFormat, CultureInfo.InvariantCulture))]),
                _ => new TextColumn(names[c], [.. cells[c].Select(v => (string?)v)]),
            };
        }

        return new Table(columns);
    }

    private Task<SqliteConnection> ConnectAsync(CancellationToken cancellationToken) => SqliteSchema.ConnectAsync(_connectionString, cancellationToken);

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A safe SQL identifier from a project name: lowercase letters, digits and underscores.</summary>
    public static string SqlName(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        return sb.Length == 0 || char.IsAsciiDigit(sb[0]) ? "d_" + sb : sb.ToString();
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
