using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Sextant.Data;
using Sextant.Storage.Sql;

namespace Sextant.Storage;

/// <summary>
/// A project's data store: the SQLite database <c>.sextant/sextant.db</c> (datasets with every version kept, SQL-able)
/// and the artifact folder <c>.sextant/artifacts</c>. Runs and the registry are in the <see cref="IMetadataStore"/>,
/// by default in the same database. Schema migrations are applied on open; every write is a transaction.
/// </summary>
public sealed class ProjectStore
{
    /// <summary>The store folder inside a project.</summary>
    public const string FolderName = ".sextant";

    private readonly string _connectionString;
    private readonly TimeProvider _time;

    private ProjectStore(string databasePath, string artifactDirectory, TimeProvider time)
    {
        DatabasePath = databasePath;
        Artifacts = new ArtifactStore(artifactDirectory);
        _connectionString = SqliteSchema.ConnectionString(DatabasePath);
        _time = time;
    }

    public string DatabasePath { get; }

    public ArtifactStore Artifacts { get; }

    /// <summary>
    /// Opens (creating when needed) the store of a project and applies migrations: the database at
    /// <paramref name="databasePath"/> (default <c>.sextant/sextant.db</c>) and the artifacts in <c>.sextant/artifacts</c>.
    /// </summary>
    public static async Task<ProjectStore> OpenAsync(string projectDirectory, TimeProvider? time = null, string? databasePath = null, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(projectDirectory, FolderName);
        var store = new ProjectStore(Path.GetFullPath(databasePath ?? Path.Combine(folder, "sextant.db")), Path.Combine(folder, "artifacts"), time ?? TimeProvider.System);
        await SqliteSchema.MigrateAsync(store.DatabasePath, store._time, cancellationToken: cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <summary>Stores a new version of a dataset as a typed SQL table and points the view <c>name</c> at it.</summary>
    public async Task<DatasetInfo> SaveDatasetAsync(string name, Table table, string source, string encoding, object report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        var baseName = SqlName(name);
        var fingerprint = DatasetFingerprint.Compute(table);
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        // BEGIN IMMEDIATE: two ingests at once get versions N and N+1, never the same one.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        var version = 1 + Convert.ToInt32(await ScalarAsync(connection, transaction, $"SELECT COALESCE(MAX(version), 0) FROM datasets WHERE name = '{baseName}'", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        var tableName = $"{baseName}_v{version}";
        var columns = string.Join(", ", table.Columns.Select(c => $"{Quote(c.Name)} {(c.Type == ColumnType.Numeric ? "REAL" : "TEXT")}"));
        await ExecuteAsync(connection, transaction, $"CREATE TABLE {Quote(tableName)} ({columns})", cancellationToken).ConfigureAwait(false);

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {Quote(tableName)} VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
            var parameters = table.Columns.Select((_, i) => insert.Parameters.Add("$p" + i.ToString(CultureInfo.InvariantCulture), SqliteType.Text)).ToArray();
            for (var r = 0; r < table.RowCount; r++)
            {
                for (var c = 0; c < parameters.Length; c++)
                {
                    var column = table.Columns[c];
                    parameters[c].SqliteType = column.Type == ColumnType.Numeric ? SqliteType.Real : SqliteType.Text;
                    parameters[c].Value = column.IsMissing(r)
                        ? DBNull.Value
                        : column is NumericColumn n ? n[r] : column.FormatValue(r)!;
                }

                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var info = new DatasetInfo(baseName, version, tableName, fingerprint, table.RowCount, table.ColumnCount, source, encoding, _time.GetUtcNow());
        await using (var record = connection.CreateCommand())
        {
            record.Transaction = transaction;
            record.CommandText = """
                INSERT INTO datasets (name, version, table_name, fingerprint, rows, columns, column_types, source, encoding, report, created_at)
                VALUES ($name, $version, $table, $fingerprint, $rows, $columns, $types, $source, $encoding, $report, $created)
                """;
            record.Parameters.AddWithValue("$name", baseName);
            record.Parameters.AddWithValue("$version", version);
            record.Parameters.AddWithValue("$table", tableName);
            record.Parameters.AddWithValue("$fingerprint", fingerprint);
            record.Parameters.AddWithValue("$rows", table.RowCount);
            record.Parameters.AddWithValue("$columns", table.ColumnCount);
            record.Parameters.AddWithValue("$types", JsonSerializer.Serialize(table.Columns.ToDictionary(c => c.Name, c => c.Type.ToString()), SextantJson.Compact));
            record.Parameters.AddWithValue("$source", source);
            record.Parameters.AddWithValue("$encoding", encoding);
            record.Parameters.AddWithValue("$report", JsonSerializer.Serialize(report, report.GetType(), SextantJson.Compact));
            record.Parameters.AddWithValue("$created", info.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, $"DROP VIEW IF EXISTS {Quote(baseName)}; CREATE VIEW {Quote(baseName)} AS SELECT * FROM {Quote(tableName)}", cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return info;
    }

    /// <summary>All stored versions of a dataset, oldest first.</summary>
    public async Task<IReadOnlyList<DatasetInfo>> ListDatasetsAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, version, table_name, fingerprint, rows, columns, source, encoding, created_at FROM datasets WHERE name = $name ORDER BY version";
        command.Parameters.AddWithValue("$name", SqlName(name));
        var list = new List<DatasetInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new DatasetInfo(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetString(6), reader.GetString(7), DateTimeOffset.Parse(reader.GetString(8), CultureInfo.InvariantCulture)));
        }

        return list;
    }

    /// <summary>Loads a dataset version (the latest when <paramref name="version"/> is null) as a typed table.</summary>
    public async Task<(DatasetInfo Info, Table Table)> LoadDatasetAsync(string name, int? version = null, CancellationToken cancellationToken = default)
    {
        var versions = await ListDatasetsAsync(name, cancellationToken).ConfigureAwait(false);
        var info = (version is null ? versions.LastOrDefault() : versions.FirstOrDefault(v => v.Version == version))
            ?? throw new SextantException(version is null
                ? $"No data has been ingested for '{name}' yet. Run 'sextant ingest' first."
                : $"Dataset '{name}' has no version {version}; versions: {string.Join(", ", versions.Select(v => v.Version))}.");

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

        return (info, new Table(columns));
    }

    /// <summary>Runs read-only SQL over the stored tables (a read-only connection: writes fail).</summary>
    public async Task<QueryResult> QueryAsync(string sql, int maxRows = 10_000, CancellationToken cancellationToken = default)
    {
        var builder = new SqliteConnectionStringBuilder(_connectionString) { Mode = SqliteOpenMode.ReadOnly };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "PRAGMA query_only = ON", cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var rows = new List<object?[]>();
            while (rows.Count < maxRows && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = new object?[columns.Length];
                for (var c = 0; c < row.Length; c++)
                {
                    row[c] = reader.IsDBNull(c) ? null : reader.GetValue(c);
                }

                rows.Add(row);
            }

            return new QueryResult(columns, rows);
        }
        catch (SqliteException ex)
        {
            throw new SextantException($"SQL error: {ex.Message.Replace("SQLite Error ", "", StringComparison.Ordinal).TrimEnd('.')}. Queries are read-only; tables: {string.Join(", ", await TableNamesAsync(cancellationToken).ConfigureAwait(false))}.");
        }
    }

    private async Task<IReadOnlyList<string>> TableNamesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(reader.GetString(0));
        }

        return names;
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
