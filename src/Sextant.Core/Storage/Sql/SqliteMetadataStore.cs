using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Sextant.Tracking.Filters;

namespace Sextant.Storage.Sql;

/// <summary>
/// The default metadata store: the project's SQLite database in WAL mode. Writers take the database write lock at the
/// start of their transaction (BEGIN IMMEDIATE) and wait for each other (busy timeout 30 s), so concurrent processes
/// serialise instead of failing or losing writes.
/// </summary>
public sealed class SqliteMetadataStore : SqlMetadataStore
{
    private readonly string _connectionString;

    private SqliteMetadataStore(string path, TimeProvider time)
        : base(time)
    {
        DatabasePath = path;
        _connectionString = SqliteSchema.ConnectionString(path);
    }

    public string DatabasePath { get; }

    public override string Location => "sqlite:///" + DatabasePath.TrimStart('/');

    protected override SqlDialect Dialect => SqlDialect.Sqlite;

    protected override string LockClause => "";

    /// <summary>Opens (creating and migrating when needed) the SQLite store at <paramref name="path"/>.</summary>
    public static async Task<SqliteMetadataStore> OpenAsync(string path, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        time ??= TimeProvider.System;
        await SqliteSchema.MigrateAsync(path, time, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new SqliteMetadataStore(Path.GetFullPath(path), time);
    }

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await SqliteSchema.ConnectAsync(_connectionString, cancellationToken).ConfigureAwait(false);

    protected override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
    }

    protected override object Timestamp(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    protected override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
