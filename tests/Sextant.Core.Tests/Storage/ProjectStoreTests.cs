using System.Text;
using Sextant.Data;
using Sextant.Data.Ingest;
using Sextant.Storage;
using Sextant.Storage.Artifacts;

namespace Sextant.Core.Tests.Storage;

public class ProjectStoreTests
{
    private static Table Sample(double shift = 0) => new(
    [
        new NumericColumn("x", [1 + shift, 2, double.NaN]),
        new TextColumn("TERRITORY", ["NA", null, "EMEA"]),
        new DateColumn("d", [new DateTime(2003, 2, 24), null, new DateTime(2005, 5, 1, 13, 5, 0)]),
    ]);

    [Fact]
    public async Task SaveDataset_KeepsEveryVersionAndRoundTripsTypesAndMissing()
    {
        using var dir = new TempDirectory();
        var store = await ProjectStore.OpenAsync(dir.Path);
        var v1 = await store.SaveDatasetAsync("Sales Data", Sample(), "a.csv", "utf-8", new { note = "first" });
        var v2 = await store.SaveDatasetAsync("Sales Data", Sample(shift: 1), "a.csv", "utf-8", new { note = "second" });
        Assert.Equal((1, 2), (v1.Version, v2.Version));
        Assert.Equal("sales_data", v1.Name);
        Assert.NotEqual(v1.Fingerprint, v2.Fingerprint);

        var (info, table) = await store.LoadDatasetAsync("Sales Data", 1);
        Assert.Equal(v1.Fingerprint, DatasetFingerprint.Compute(table));
        Assert.Equal(1, info.Version);
        Assert.Equal("NA", ((TextColumn)table["TERRITORY"])[0]);
        Assert.True(table["TERRITORY"].IsMissing(1));
        Assert.True(table["x"].IsMissing(2));
        Assert.Equal(new DateTime(2005, 5, 1, 13, 5, 0), ((DateColumn)table["d"])[2]);

        var latest = await store.QueryAsync("SELECT x FROM sales_data WHERE TERRITORY = 'NA'");
        Assert.Equal(2.0, Assert.Single(latest.Rows)[0]);
    }

    [Fact]
    public async Task Query_IsReadOnlyAndErrorsNameTheTables()
    {
        using var dir = new TempDirectory();
        var store = await ProjectStore.OpenAsync(dir.Path);
        await store.SaveDatasetAsync("s", Sample(), "a.csv", "utf-8", new { });
        var write = await Assert.ThrowsAsync<SextantException>(() => store.QueryAsync("DELETE FROM s_v1"));
        Assert.Contains("read-only", write.Message, StringComparison.Ordinal);
        var bad = await Assert.ThrowsAsync<SextantException>(() => store.QueryAsync("SELECT * FROM nope"));
        Assert.Contains("s_v1", bad.Message, StringComparison.Ordinal);
        Assert.Equal(3L, (await store.QueryAsync("SELECT COUNT(*) FROM s_v1")).Rows[0][0]);
    }

    [Fact]
    public async Task Open_TwiceAppliesMigrationsOnce()
    {
        using var dir = new TempDirectory();
        await ProjectStore.OpenAsync(dir.Path);
        var store = await ProjectStore.OpenAsync(dir.Path);
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM schema_migrations";
        Assert.Equal((long)Sextant.Storage.Sql.SqliteSchema.CurrentVersion, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Artifact_CorruptedFile_IsDetectedByChecksum()
    {
        using var dir = new TempDirectory();
        var artifacts = new LocalArtifactStore(dir.File("artifacts"));
        var sha = await artifacts.PutAsync(Encoding.UTF8.GetBytes("{\"model\": 1}"));
        Assert.Equal("{\"model\": 1}", Encoding.UTF8.GetString(await artifacts.GetAsync(sha)));
        await File.WriteAllTextAsync(artifacts.PathOf(sha), "{\"model\": 2}");
        var ex = await Assert.ThrowsAsync<SextantException>(() => artifacts.GetAsync(sha));
        Assert.Contains("corrupted", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprint_IsTheSameWhateverTheFileEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        const string text = "name,qty\nMädchen,3\nNiño,4\n";
        var utf8 = CsvTableReader.Read(Encoding.UTF8.GetBytes(text), "a.csv", new CsvReadOptions()).Table;
        var cp850 = CsvTableReader.Read(Encoding.GetEncoding(850).GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal)), "b.csv", new CsvReadOptions()).Table;
        Assert.Equal(DatasetFingerprint.Compute(utf8), DatasetFingerprint.Compute(cp850));
        var changed = CsvTableReader.Read(Encoding.UTF8.GetBytes(text.Replace("4", "5", StringComparison.Ordinal)), "c.csv", new CsvReadOptions()).Table;
        Assert.NotEqual(DatasetFingerprint.Compute(utf8), DatasetFingerprint.Compute(changed));
    }
}
