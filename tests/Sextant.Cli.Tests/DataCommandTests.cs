namespace Sextant.Cli.Tests;

/// <summary>The columnar data layer from the command line: versions, export to Parquet and CSV, ingest of Parquet.</summary>
public class DataCommandTests
{
    [Fact]
    public async Task ExportedParquetAndCsv_IngestBackToTheSameFingerprint()
    {
        using var dir = new TempFolder();
        var project = dir.Combine("housing");
        (await Cli.RunAsync("init", project, "--example", "housing")).ShouldExit(0);
        var first = (await Cli.RunAsync("ingest", "-p", project, "--format", "json")).ShouldExit(0).Json();
        var fingerprint = first.GetProperty("fingerprint").GetString();

        var parquet = dir.Combine("out", "housing.parquet");
        var exported = (await Cli.RunAsync("data", "export", "-p", project, "-o", parquet)).ShouldExit(0);
        Assert.Contains("as parquet", exported.Stdout, StringComparison.Ordinal);
        Assert.Equal("PAR1"u8.ToArray(), File.ReadAllBytes(parquet)[..4]);
        var csv = dir.Combine("out", "housing.txt");
        (await Cli.RunAsync("data", "export", "-p", project, "-o", csv, "--format", "csv", "--version", "1")).ShouldExit(0);

        var fromParquet = (await Cli.RunAsync("ingest", "-p", project, "--file", parquet, "--format", "json")).ShouldExit(0).Json();
        Assert.Equal("parquet", fromParquet.GetProperty("encoding").GetString());
        Assert.Equal(fingerprint, fromParquet.GetProperty("fingerprint").GetString());
        var fromCsv = (await Cli.RunAsync("ingest", "-p", project, "--file", csv, "--format", "json")).ShouldExit(0).Json();
        Assert.Equal(fingerprint, fromCsv.GetProperty("fingerprint").GetString());

        var versions = (await Cli.RunAsync("data", "versions", "-p", project, "--format", "json")).ShouldExit(0).Json().GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Single(versions.Select(v => v.GetProperty("file").GetString()).Distinct());
        var table = (await Cli.RunAsync("data", "versions", "-p", project)).ShouldExit(0);
        Assert.Contains(fingerprint![..12], table.Stdout, StringComparison.Ordinal);

        var query = (await Cli.RunAsync("data", "query", "SELECT COUNT(*) FROM housing_v1 JOIN housing_v3 USING (longitude, latitude, median_income)", "-p", project, "--format", "json")).ShouldExit(0).Json();
        Assert.True(query.GetProperty("rows")[0][0].GetInt64() >= first.GetProperty("rows_stored").GetInt64());
    }

    [Fact]
    public async Task FileFormats_AreRefusedWhereACommandWritesNoSuchFile()
    {
        using var dir = new TempFolder();
        var project = dir.Combine("housing");
        (await Cli.RunAsync("init", project, "--example", "housing")).ShouldExit(0);
        (await Cli.RunAsync("ingest", "-p", project)).ShouldExit(0);

        var onnx = (await Cli.RunAsync("data", "export", "-p", project, "-o", dir.Combine("x.onnx"), "--format", "onnx")).ShouldExit(2);
        Assert.Contains("writes parquet or csv, not onnx", onnx.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("x.onnx")));
        var models = (await Cli.RunAsync("data", "versions", "-p", project, "--format", "csv")).ShouldExit(2);
        Assert.Contains("prints text or json", models.Stderr, StringComparison.Ordinal);
        var missing = (await Cli.RunAsync("data", "export", "-p", project, "-o", dir.Combine("v9.parquet"), "--version", "9")).ShouldExit(1);
        Assert.Contains("has no version 9; versions: 1", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_OfAFileThatIsNotParquet_FailsAndStoresNothing()
    {
        using var dir = new TempFolder();
        var project = dir.Combine("housing");
        (await Cli.RunAsync("init", project, "--example", "housing")).ShouldExit(0);
        var fake = dir.Combine("fake.parquet");
        await File.WriteAllTextAsync(fake, "longitude,latitude\n1,2\n");
        var result = (await Cli.RunAsync("ingest", "-p", project, "--file", fake)).ShouldExit(1);
        Assert.Contains("not a readable Parquet file", result.Stderr, StringComparison.Ordinal);
        var versions = (await Cli.RunAsync("data", "versions", "-p", project, "--format", "json")).ShouldExit(0).Json();
        Assert.Equal(0, versions.GetProperty("versions").GetArrayLength());
    }
}
