namespace Sextant.Cli.Tests;

/// <summary><c>sextant export</c>: a trained sales model written as ONNX, by version and by alias.</summary>
public sealed class ExportTests(SalesProjectFixture sales) : IClassFixture<SalesProjectFixture>
{
    [Fact]
    public async Task Export_LatestAsOnnx_WritesTheFileAndPrintsOneJsonSummary()
    {
        var file = Path.Combine(sales.Project, "out", "model.onnx");

        var json = (await Cli.RunAsync("export", "-p", sales.Project, "--format", "json", "-o", file)).ShouldExit(0).Json();

        Assert.Equal("onnx", json.GetProperty("format").GetString());
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.Equal(bytes.Length, json.GetProperty("bytes").GetInt32());
        // An ONNX ModelProto starts with field 1 (ir_version, varint): tag byte 0x08.
        Assert.Equal(0x08, bytes[0]);
        Assert.Equal(
            ["QUANTITYORDERED", "PRICEEACH", "ORDERLINENUMBER", "MSRP", "QTR_ID", "MONTH_ID", "YEAR_ID", "PRODUCTLINE", "COUNTRY", "DEALSIZE"],
            json.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.Equal("string", json.GetProperty("inputs")[7].GetProperty("type").GetString());
        Assert.Equal("prediction", json.GetProperty("outputs")[0].GetProperty("name").GetString());
        Assert.Matches("^[0-9a-f]{64}$", json.GetProperty("schema_sha256").GetString());
        Assert.False(File.Exists(file + ".tmp"));
    }

    [Fact]
    public async Task Export_ByAliasAsText_NamesTheAliasAndTheOperators()
    {
        (await Cli.RunAsync("registry", "promote", "1", "--to", "onnx-test", "--force", "-p", sales.Project)).ShouldExit(0);
        var file = Path.Combine(sales.Project, "alias.onnx");

        var text = (await Cli.RunAsync("export", "-p", sales.Project, "--alias", "onnx-test", "--format", "onnx", "-o", file)).ShouldExit(0).Stdout;

        Assert.Contains("v1 (onnx-test)", text, StringComparison.Ordinal);
        Assert.Contains("operators:", text, StringComparison.Ordinal);
        Assert.True(new FileInfo(file).Length > 1000);
    }

    [Fact]
    public async Task Export_UnknownAliasOrOnnxFormatElsewhere_FailsClearly()
    {
        var missing = await Cli.RunAsync("export", "-p", sales.Project, "--alias", "nope", "-o", Path.Combine(sales.Project, "x.onnx"), "--format", "json");
        missing.ShouldExit(1);
        Assert.Matches("no alias(es yet| .nope.)", missing.Json().GetProperty("error").GetProperty("message").GetString()!);

        (await Cli.RunAsync("models", "-p", sales.Project, "--format", "onnx")).ShouldExit(2);
    }
}
