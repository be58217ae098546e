using System.Globalization;
using System.Numerics;
using DuckDB.NET.Data;

namespace Sextant.Storage.Columnar;

/// <summary>
/// Read-only analytical SQL (DuckDB, in memory) over Parquet files and small in-memory tables.
/// Views are declared first; then the workspace is sealed: external access is limited to the folders of
/// the declared files and the configuration is locked, so a user's query can read what was declared and
/// nothing else, and can write nothing (a write statement is refused before it reaches the engine, and
/// every query runs as a sub-select, which cannot hold a write).
/// </summary>
public sealed class SqlWorkspace : IAsyncDisposable
{
    private static readonly HashSet<string> s_writeKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE", "TRUNCATE", "CREATE", "DROP", "ALTER", "COPY", "EXPORT", "IMPORT",
        "ATTACH", "DETACH", "USE", "INSTALL", "LOAD", "FORCE", "SET", "RESET", "PRAGMA", "CALL", "VACUUM", "CHECKPOINT", "BEGIN", "START",
        "COMMIT", "ROLLBACK", "ABORT", "END", "GRANT", "REVOKE", "COMMENT", "PREPARE", "EXECUTE", "DEALLOCATE",
    };

    private readonly DuckDBConnection _connection;
    private readonly HashSet<string> _folders = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private bool _sealed;

    private SqlWorkspace(DuckDBConnection connection) => _connection = connection;

    /// <summary>The tables and views a query can read, in the order they were declared.</summary>
    public IReadOnlyList<string> Names => _names;

    public static async Task<SqlWorkspace> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var workspace = new SqlWorkspace(connection);
        // Two cores here; DuckDB's default is all of them, which is right for a query a user waits for.
        await workspace.ExecuteAsync("SET preserve_insertion_order = true", cancellationToken).ConfigureAwait(false);
        return workspace;
    }

    /// <summary>Declares a view <paramref name="name"/> over a Parquet file.</summary>
    public Task AddParquetViewAsync(string name, string path, CancellationToken cancellationToken = default)
    {
        RequireOpen();
        var full = Path.GetFullPath(path);
        _folders.Add(Path.GetDirectoryName(full)!);
        _names.Add(name);
        return ExecuteAsync($"CREATE OR REPLACE VIEW {Quote(name)} AS SELECT * FROM read_parquet({Literal(full)})", cancellationToken);
    }

    /// <summary>Declares a view <paramref name="name"/> as another declared name (e.g. the latest version).</summary>
    public Task AddAliasViewAsync(string name, string target, CancellationToken cancellationToken = default)
    {
        RequireOpen();
        _names.Add(name);
        return ExecuteAsync($"CREATE OR REPLACE VIEW {Quote(name)} AS SELECT * FROM {Quote(target)}", cancellationToken);
    }

    /// <summary>Creates an in-memory table from rows (values: string, double, long, int, bool, DateTime, DateTimeOffset or null).</summary>
    public async Task AddTableAsync(string name, IReadOnlyList<(string Name, string SqlType)> columns, IEnumerable<object?[]> rows, CancellationToken cancellationToken = default)
    {
        RequireOpen();
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        await ExecuteAsync($"CREATE OR REPLACE TABLE {Quote(name)} ({string.Join(", ", columns.Select(c => $"{Quote(c.Name)} {c.SqlType}"))})", cancellationToken).ConfigureAwait(false);
        using (var appender = _connection.CreateAppender(name))
        {
            foreach (var values in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var row = appender.CreateRow();
                foreach (var value in values)
                {
                    _ = value switch
                    {
                        null => row.AppendNullValue(),
                        string s => row.AppendValue(s),
                        double d => row.AppendValue(d),
                        long l => row.AppendValue(l),
                        int i => row.AppendValue(i),
                        bool b => row.AppendValue(b),
                        DateTime t => row.AppendValue(t),
                        DateTimeOffset t => row.AppendValue(t.UtcDateTime),
                        _ => throw new ArgumentException($"A value of type {value.GetType().Name} cannot go into table '{name}'.", nameof(rows)),
                    };
                }

                row.EndRow();
            }
        }

        _names.Add(name);
    }

    /// <summary>
    /// Runs one read-only query and returns at most <paramref name="maxRows"/> rows. Integers come back as
    /// <see cref="long"/>, other numbers as <see cref="double"/>, text as <see cref="string"/>, times as <see cref="DateTime"/>.
    /// </summary>
    /// <exception cref="SextantException">A write statement, several statements, or an error in the query (with the engine's message).</exception>
    public async Task<QueryResult> QueryAsync(string sql, int maxRows = 10_000, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        await SealAsync(cancellationToken).ConfigureAwait(false);
        var text = StripTrailingSemicolons(sql);
        var keyword = FirstKeyword(text);
        if (s_writeKeywords.Contains(keyword))
        {
            throw new SextantException($"Queries are read-only: a {keyword.ToUpperInvariant()} statement is not allowed. Tables: {string.Join(", ", _names)}.");
        }

        if (HasStatementSeparator(text))
        {
            throw new SextantException("Run one query at a time: the text holds more than one statement (a ';' between them).");
        }

        await using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT * FROM ({text}\n) AS sextant_query LIMIT {Math.Max(0, maxRows).ToString(CultureInfo.InvariantCulture)}";
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var result = new List<object?[]>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = new object?[columns.Length];
                for (var c = 0; c < row.Length; c++)
                {
                    row[c] = reader.IsDBNull(c) ? null : Normalize(reader.GetValue(c));
                }

                result.Add(row);
            }

            return new QueryResult(columns, result);
        }
        catch (DuckDBException ex)
        {
            throw new SextantException($"SQL error: {FirstLine(ex.Message)}. Queries are read-only; tables: {string.Join(", ", _names)}.", ex);
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private async Task SealAsync(CancellationToken cancellationToken)
    {
        if (_sealed)
        {
            return;
        }

        if (_folders.Count > 0)
        {
            var list = string.Join(", ", _folders.Select(f => Literal(f.EndsWith(Path.DirectorySeparatorChar) ? f : f + Path.DirectorySeparatorChar)));
            await ExecuteAsync($"SET allowed_directories = [{list}]", cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync("SET enable_external_access = false", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync("SET lock_configuration = true", cancellationToken).ConfigureAwait(false);
        _sealed = true;
    }

    private void RequireOpen()
    {
        if (_sealed)
        {
            throw new InvalidOperationException("Declare every view and table before the first query.");
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static object Normalize(object value) => value switch
    {
        sbyte or byte or short or ushort or int or uint or long => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        ulong u => u <= long.MaxValue ? (long)u : (double)u,
        BigInteger b => b >= long.MinValue && b <= long.MaxValue ? (long)b : (double)b,
        Int128 i => i >= long.MinValue && i <= long.MaxValue ? (long)i : (double)i,
        UInt128 u => u <= (UInt128)long.MaxValue ? (long)u : (double)u,
        float f => (double)f,
        decimal d => (double)d,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        DateTimeOffset t => t.UtcDateTime,
        _ => value,
    };

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.TrimEnd('.');
    }

    /// <summary>The first word of the statement, after comments, white space and opening parentheses.</summary>
    internal static string FirstKeyword(string sql)
    {
        var i = 0;
        while (i < sql.Length)
        {
            if (char.IsWhiteSpace(sql[i]) || sql[i] == '(')
            {
                i++;
            }
            else if (sql.AsSpan(i).StartsWith("--"))
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end + 1;
            }
            else if (sql.AsSpan(i).StartsWith("/*"))
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
            }
            else
            {
                break;
            }
        }

        var start = i;
        while (i < sql.Length && (char.IsAsciiLetter(sql[i]) || sql[i] == '_'))
        {
            i++;
        }

        return sql[start..i];
    }

    private static string StripTrailingSemicolons(string sql)
    {
        var text = sql.TrimEnd();
        while (text.EndsWith(';'))
        {
            text = text[..^1].TrimEnd();
        }

        return text;
    }

    /// <summary>Whether a ';' stands outside quotes and comments.</summary>
    internal static bool HasStatementSeparator(string sql)
    {
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c is '\'' or '"')
            {
                var close = sql.IndexOf(c, i + 1);
                while (close >= 0 && close + 1 < sql.Length && sql[close + 1] == c)
                {
                    close = sql.IndexOf(c, close + 2);
                }

                if (close < 0)
                {
                    return false;
                }

                i = close;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var end = sql.IndexOf('\n', i);
                if (end < 0)
                {
                    return false;
                }

                i = end;
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return false;
                }

                i = end + 1;
            }
            else if (c == ';')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A double-quoted SQL identifier.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
