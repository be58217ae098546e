using Npgsql;
using Sextant.Storage;

namespace Sextant.Core.Tests.Storage;

/// <summary>
/// A scratch PostgreSQL database for one test class, created on a real server and dropped afterwards. The server is
/// named by <c>SEXTANT_TEST_POSTGRES</c> (a <c>postgres://</c> URL of a role with CREATEDB); <c>.ci/run</c> installs,
/// starts and sets it. Without it the PostgreSQL tests are reported as skipped (see <see cref="PostgresFactAttribute"/>).
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public const string Variable = "SEXTANT_TEST_POSTGRES";

    private readonly string _name = "sextant_test_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>The URL of the scratch database.</summary>
    public string Url { get; private set; } = "";

    /// <summary>A store of a theory's <paramref name="kind"/>: SQLite at <paramref name="sqlitePath"/>, or this database.</summary>
    public async Task<IMetadataStore> OpenStoreAsync(string kind, string sqlitePath, TimeProvider? time = null) => kind == "sqlite"
        ? await Sextant.Storage.Sql.SqliteMetadataStore.OpenAsync(sqlitePath, time)
        : await Sextant.Storage.Sql.PostgresMetadataStore.OpenAsync(Url, time);

    public static string? ServerUrl => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url ? url : null;

    public async Task InitializeAsync()
    {
        if (ServerUrl is not { } server)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(StoreLocation.PostgresConnectionString(server).ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {_name}", connection);
        await command.ExecuteNonQueryAsync();
        var uri = new Uri(server);
        Url = new UriBuilder(uri) { Path = "/" + _name }.Uri.ToString();
    }

    public async Task DisposeAsync()
    {
        if (ServerUrl is not { } server || Url.Length == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(StoreLocation.PostgresConnectionString(server).ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
