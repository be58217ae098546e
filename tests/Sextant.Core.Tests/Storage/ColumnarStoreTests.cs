using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;
using Sextant.Data;
using Sextant.Monitoring;
using Sextant.Storage;
using Sextant.Storage.Columnar;

namespace Sextant.Core.Tests.Storage;

/// <summary>Dataset versions as Parquet files, queried with DuckDB: storage, typing, read-only SQL, export, upgrade.</summary>
public class ColumnarStoreTests
{
    private static Table Sample(double shift = 0) => new(
    [
        new NumericColumn("x", [1 + shift, 2, double.NaN]),
        new TextColumn("TERRITORY", ["NA", null, "EMEA, \"west\""]),
        new DateColumn("d", [new DateTime(2003, 2, 24), null, new DateTime(2005, 5, 1, 13, 5, 0)]),
    ]);

    [Fact]
    public async Task Save_WritesOneCompressedParquetFilePerContent_SharedByEqualVersions()
    {
        using var dir = new TempDirectory();
        var store = await ProjectStore.OpenAsync(dir.Path);
        var v1 = await store.SaveDatasetAsync("s", Sample(), "a.csv", "utf-8", new { });
        var v2 = await store.SaveDatasetAsync("s", Sample(), "b.csv", "utf-8", new { });
        var v3 = await store.SaveDatasetAsync("s", Sample(shift: 1), "c.csv", "utf-8", new { });

        Assert.Equal($"datasets/{v1.Fingerprint}.parquet", v1.File!.Replace('\\', '/'));
        Assert.Equal(v1.File, v2.File);
        Assert.NotEqual(v1.File, v3.File);
        var files = Directory.GetFiles(Path.Combine(dir.Path, ".sextant", "datasets"));
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.EndsWith(".parquet", f, StringComparison.Ordinal));

        var (table, metadata) = await ParquetTables.ReadAsync(store.DatasetFilePath(v3));
        Assert.Equal(v3.Fingerprint, metadata[ParquetTables.FingerprintKey]);
        Assert.Equal(v3.Fingerprint, DatasetFingerprint.Compute(table));
        Assert.Equal([1, 2, 3], (await store.ListDatasetsAsync("s")).Select(d => d.Version));
    }

    [Fact]
    public async Task StoredFile_IsPlainParquet_ThatDuckDbReadsWithTypesAndNulls()
    {
        using var dir = new TempDirectory();
        var store = await ProjectStore.OpenAsync(dir.Path);
        var info = await store.SaveDatasetAsync("s", Sample(), "a.csv", "utf-8", new { });

        await using var duck = new DuckDBConnection("DataSource=:memory:");
        await duck.OpenAsync();
        await using var command = duck.CreateCommand();
        command.CommandText = $"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{store.DatasetFilePath(info)}'))";
        var types = new Dictionary<string, string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                types[reader.GetString(0)] = reader.GetString(1);
            }
        }

        Assert.Equal("DOUBLE", types["x"]);
        Assert.Equal("VARCHAR", types["TERRITORY"]);
        Assert.Equal("TIMESTAMP", types["d"]);
        command.CommandText = $"SELECT COUNT(*) FILTER (WHERE x IS NULL), COUNT(*) FILTER (WHERE TERRITORY IS NULL), COUNT(*) FILTER (WHERE d IS NULL) FROM read_parquet('{store.DatasetFilePath(info)}')";
        await using (var reader = await command.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal((1L, 1L, 1L), (Convert.ToInt64(reader.GetValue(0)), Convert.ToInt64(reader.GetValue(1)), Convert.ToInt64(reader.GetValue(2))));
        }
    }

    [Fact]
    public async Task Query_RunsOnDuckDbOverEveryVersionTheLatestAndTheCatalogue()
    {
        using var dir = new TempDirectory();
        var store = await ProjectStore.OpenAsync(dir.Path);
        await store.SaveDatasetAsync("Sales Data", Sample(), "a.csv", "utf-8", new { });
        await store.SaveDatasetAsync("Sales Data", Sample(shift: 10), "a.csv", "utf-8", new { });

        Assert.Equal(1.0, (await store.QueryAsync("SELECT x FROM sales_data_v1 WHERE TERRITORY = 'NA'")).Rows[0][0]);
        Assert.Equal(11.0, (await store.QueryAsync("SELECT x FROM sales_data WHERE TERRITORY = 'NA';")).Rows[0][0]);
        var catalogue = await store.QueryAsync("SELECT version, rows FROM datasets ORDER BY version");
        Assert.Equal([1L, 2L], catalogue.Rows.Select(r => r[0]));
        Assert.All(catalogue.Rows, r => Assert.Equal(3L, r[1]));
        var summary = await store.QueryAsync("SUMMARIZE sales_data");
        Assert.Contains("column_name", summary.Columns);
        Assert.Equal(3, summary.Rows.Count);
        var limited = await store.QueryAsync("SELECT * FROM sales_data_v1 UNION ALL SELECT * FROM sales_data_v2", maxRows: 4);
        Assert.Equal(4, limited.Rows.Count);
    }

    [Theory]
    [InlineData("DELETE FROM s_v1", "DELETE")]
    [InlineData("  -- a comment\n insert into s_v1 VALUES (1, 'a', NULL)", "INSERT")]
    [InlineData("CREATE TABLE t AS SELECT 1", "CREATE")]
    [InlineData("COPY s_v1 TO 'out.parquet'", "COPY")]
    [InlineData("ATTACH 'x.db'", "ATTACH")]
    [InlineData("SET enable_external_access = true", "SET")]
    [InlineData("(UPDATE s_v1 SET x = 1)", "UPDATE")]
    public async Task Query_RefusesWritesWithAClearMessage(string sql, string keyword)
    {
        using var dir = new TempDirectory();
        var store = await ProjectStore.OpenAsync(dir.Path);
        await store.SaveDatasetAsync("s", Sample(), "a.csv", "utf-8", new { });
        var ex = await Assert.ThrowsAsync<SextantException>(() => store.QueryAsync(sql));
        Assert.Contains($"Queries are read-only: a {keyword} statement is not allowed", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3L, (await store.QueryAsync("SELECT COUNT(*) FROM s_v1")).Rows[0][0]);
    }

    [Fact]
    public async Task Query_RefusesChainedStatementsFilesOutsideTheStoreAndNamesTablesOnErrors()
    {
        using var dir = new TempDirectory();
        var store = await ProjectStore.OpenAsync(dir.Path);
        await store.SaveDatasetAsync("s", Sample(), "a.csv", "utf-8", new { });
        var chained = await Assert.ThrowsAsync<SextantException>(() => store.QueryAsync("SELECT 1; DROP VIEW s"));
        Assert.Contains("one query at a time", chained.Message, StringComparison.Ordinal);
        Assert.Single((await store.QueryAsync("SELECT 'a;b' AS t")).Rows);

        var outside = dir.File("secret.csv");
        await File.WriteAllTextAsync(outside, "a\n1\n");
        var read = await Assert.ThrowsAsync<SextantException>(() => store.QueryAsync($"SELECT * FROM read_csv('{outside}')"));
        Assert.StartsWith("SQL error:", read.Message, StringComparison.Ordinal);

        var bad = await Assert.ThrowsAsync<SextantException>(() => store.QueryAsync("SELECT * FROM nope"));
        Assert.Contains("s_v1", bad.Message, StringComparison.Ordinal);
        Assert.Contains("datasets", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_ReadsThePredictionLogWithItsJsonFeatures()
    {
        using var dir = new TempDirectory();
        var store = await ProjectStore.OpenAsync(dir.Path);
        var at = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        PredictionRecord[] log =
        [
            new("r1", "sales", 1, "prod", at, """{"COUNTRY":"USA","QUANTITYORDERED":30}""", 3000, 1.5) { Lower = 2500, Upper = 3500 },
            new("r2", "sales", 2, "prod", at.AddMinutes(1), """{"COUNTRY":"France","QUANTITYORDERED":12}""", 1200, 2.5) { Warnings = """[{"feature":"PRICEEACH","type":"outside_observed"}]""" },
            new("r3", "sales", 2, null, at.AddMinutes(2), """{"COUNTRY":"USA","QUANTITYORDERED":50}""", 5000, 0.5),
        ];
        var result = await store.QueryAsync(
            "SELECT features->>'COUNTRY' AS country, COUNT(*) AS n, SUM(prediction) AS total, MAX(logged_at) AS last FROM predictions GROUP BY 1 ORDER BY 1", predictions: log);
        Assert.Equal(["France", "USA"], result.Rows.Select(r => r[0]));
        Assert.Equal([1L, 2L], result.Rows.Select(r => r[1]));
        Assert.Equal(8000.0, result.Rows[1][2]);
        Assert.Equal(at.AddMinutes(2).UtcDateTime, result.Rows[1][3]);
        var warned = await store.QueryAsync("SELECT request_id FROM predictions WHERE warnings IS NOT NULL", predictions: log);
        Assert.Equal("r2", Assert.Single(warned.Rows)[0]);
        await Assert.ThrowsAsync<SextantException>(() => store.QueryAsync("SELECT * FROM predictions"));
    }

    [Theory]
    [InlineData("parquet")]
    [InlineData("csv")]
    public async Task Export_RoundTripsToTheSameFingerprint(string format)
    {
        using var dir = new TempDirectory();
        var store = await ProjectStore.OpenAsync(dir.Path);
        var v1 = await store.SaveDatasetAsync("s", Sample(), "a.csv", "utf-8", new { });
        await store.SaveDatasetAsync("s", Sample(shift: 1), "a.csv", "utf-8", new { });
        var output = dir.File($"out/v1.{format}");
        var exported = await store.ExportDatasetAsync("s", 1, format, output);
        Assert.Equal(v1.Fingerprint, exported.Fingerprint);
        var table = format == "csv"
            ? Sextant.Data.Ingest.CsvTableReader.Read(await File.ReadAllBytesAsync(output), output, new Sextant.Data.Ingest.CsvReadOptions()).Table
            : (await ParquetTables.ReadAsync(output)).Table;
        Assert.Equal(v1.Fingerprint, DatasetFingerprint.Compute(table));
        Assert.False(File.Exists(output + ".partial"));

        var unknown = await Assert.ThrowsAsync<SextantException>(() => store.ExportDatasetAsync("s", 7, format, output));
        Assert.Contains("versions: 1, 2", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_TypesParquetFromOtherToolsAndRefusesWhatATableCannotHold()
    {
        using var dir = new TempDirectory();
        var typed = dir.File("typed.parquet");
        var flags = dir.File("flags.parquet");
        await using (var duck = new DuckDBConnection("DataSource=:memory:"))
        {
            await duck.OpenAsync();
            await using var command = duck.CreateCommand();
            command.CommandText = $"""
                COPY (SELECT * FROM (VALUES (1::INTEGER, 2::BIGINT, 1.25::DECIMAL(10,2), 0.5::FLOAT, 'a', DATE '2024-01-31'),
                                            (NULL, 3, NULL, 1.5, NULL, NULL)) AS t(i, l, m, f, s, day)) TO '{typed}' (FORMAT parquet);
                COPY (SELECT true AS flag) TO '{flags}' (FORMAT parquet);
                """;
            await command.ExecuteNonQueryAsync();
        }

        var (table, _) = await ParquetTables.ReadAsync(typed);
        Assert.Equal([ColumnType.Numeric, ColumnType.Numeric, ColumnType.Numeric, ColumnType.Numeric, ColumnType.Text, ColumnType.Date], table.Columns.Select(c => c.Type));
        Assert.Equal(1.0, ((NumericColumn)table["i"])[0]);
        Assert.True(table["i"].IsMissing(1));
        Assert.Equal(1.25, ((NumericColumn)table["m"])[0], 12);
        Assert.Equal(new DateTime(2024, 1, 31), ((DateColumn)table["day"])[0]);
        Assert.True(table["s"].IsMissing(1));

        var refused = await Assert.ThrowsAsync<DataFileException>(() => ParquetTables.ReadAsync(flags));
        Assert.Contains("'flag'", refused.Message, StringComparison.Ordinal);
        var notParquet = dir.File("x.parquet");
        await File.WriteAllTextAsync(notParquet, "a,b\n1,2\n");
        var bad = await Assert.ThrowsAsync<DataFileException>(() => ParquetTables.ReadAsync(notParquet));
        Assert.Contains("not a readable Parquet file", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_ConvertsVersionsThatAnOlderSextantKeptAsSqliteTables()
    {
        using var dir = new TempDirectory();
        var database = Path.Combine(dir.Path, ".sextant", "sextant.db");
        await Sextant.Storage.Sql.SqliteSchema.MigrateAsync(database, TimeProvider.System, upTo: 4);
        var sample = Sample();
        var fingerprint = DatasetFingerprint.Compute(sample);
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $$"""
                CREATE TABLE s_v1 (x REAL, TERRITORY TEXT, d TEXT);
                INSERT INTO s_v1 VALUES (1, 'NA', '2003-02-24T00:00:00'), (2, NULL, NULL), (NULL, 'EMEA, "west"', '2005-05-01T13:05:00');
                CREATE VIEW s AS SELECT * FROM s_v1;
                INSERT INTO datasets (name, version, table_name, fingerprint, rows, columns, column_types, source, encoding, report, created_at)
                VALUES ('s', 1, 's_v1', '{{fingerprint}}', 3, 3, '{"x":"Numeric","TERRITORY":"Text","d":"Date"}', 'a.csv', 'utf-8', '{}', '2026-11-01T00:00:00.0000000+00:00');
                """;
            await command.ExecuteNonQueryAsync();
        }

        var store = await ProjectStore.OpenAsync(dir.Path);
        var info = Assert.Single(await store.ListDatasetsAsync("s"));
        Assert.NotNull(info.File);
        var (_, table) = await store.LoadDatasetAsync("s");
        Assert.Equal(fingerprint, DatasetFingerprint.Compute(table));
        Assert.Equal(2.0, (await store.QueryAsync("SELECT x FROM s WHERE TERRITORY IS NULL")).Rows[0][0]);
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('s', 's_v1')";
            Assert.Equal(0L, await command.ExecuteScalarAsync());
        }
    }
}
