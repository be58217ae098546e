using Npgsql;
using Sextant.Storage.Sql;

namespace Sextant.Storage;

/// <summary>
/// Where a project's runs and registry live, as a URL: <c>sqlite:///path/to/sextant.db</c> (default: the project's
/// <c>.sextant/sextant.db</c>) or <c>postgres://user:password@host:5432/database</c>. The <c>SEXTANT_STORE</c>
/// environment variable wins over <c>store:</c> in <c>sextant.yaml</c>.
/// </summary>
public static class StoreLocation
{
    /// <summary>The environment variable that overrides the configured store.</summary>
    public const string EnvironmentVariable = "SEXTANT_STORE";

    /// <summary>The store URL in effect: the environment variable, else the configured one, else null (the default SQLite file).</summary>
    public static string? Resolve(string? configured) =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : string.IsNullOrWhiteSpace(configured) ? null : configured;

    /// <summary>The SQLite database path of a <c>sqlite:</c> URL (relative paths against <paramref name="baseDirectory"/>), or null for other schemes.</summary>
    public static string? SqlitePath(string? url, string baseDirectory)
    {
        if (url is null)
        {
            return null;
        }

        if (!url.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            return IsPostgres(url) ? null : throw Unsupported(url);
        }

        // sqlite:///abs/path (three slashes: absolute), sqlite://relative/path or sqlite:relative/path.
        var path = url["sqlite:".Length..];
        path = path.StartsWith("///", StringComparison.Ordinal) ? path[2..] : path.TrimStart('/');
        return path.Length == 0 ? throw Unsupported(url) : Path.GetFullPath(Path.Combine(baseDirectory, path));
    }

    public static bool IsPostgres(string url) =>
        url.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens the metadata store of a URL (null: the SQLite file <paramref name="defaultSqlitePath"/>).</summary>
    public static async Task<IMetadataStore> OpenAsync(string? url, string baseDirectory, string defaultSqlitePath, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        if (url is not null && IsPostgres(url))
        {
            return await PostgresMetadataStore.OpenAsync(url, time, cancellationToken).ConfigureAwait(false);
        }

        return await SqliteMetadataStore.OpenAsync(SqlitePath(url, baseDirectory) ?? defaultSqlitePath, time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An Npgsql connection string from a <c>postgres://</c> URL, and the URL with the password hidden.</summary>
    public static (string ConnectionString, string Display) PostgresConnectionString(string url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        if (!IsPostgres(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw Unsupported(url);
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/')) is { Length: > 0 } database ? database : "postgres",
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            try
            {
                builder[Uri.UnescapeDataString(kv[0])] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "true";
            }
            catch (ArgumentException ex)
            {
                throw new SextantException($"Store URL option '{kv[0]}' is not a PostgreSQL connection option: {ex.Message}", ex);
            }
        }

        var display = userInfo.Length == 2 ? url.Replace(":" + userInfo[1] + "@", ":***@", StringComparison.Ordinal) : url;
        return (builder.ConnectionString, display);
    }

    private static SextantException Unsupported(string url) =>
        new($"Store URL '{url}' is not supported; use sqlite:///path/to/sextant.db or postgres://user:password@host:5432/database.");
}
