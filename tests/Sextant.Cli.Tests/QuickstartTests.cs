using System.Text.Json;

namespace Sextant.Cli.Tests;

/// <summary>The one-command path on the sales example.</summary>
public sealed class QuickstartTests : IDisposable
{
    private readonly TempFolder _folder = new("sextant-quickstart");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Quickstart_NoServeJson_CreatesIngestsValidatesTrainsAndPrintsOneDocument()
    {
        var dir = _folder.Combine("qs");

        var json = (await Cli.RunAsync("quickstart", "--dir", dir, "--no-serve", "--format", "json")).ShouldExit(0).Json();

        Assert.Equal(Path.GetFullPath(dir), json.GetProperty("project").GetString());
        Assert.True(File.Exists(Path.Combine(dir, "sextant.yaml")));
        var ingest = json.GetProperty("ingest");
        Assert.Equal("ibm850", ingest.GetProperty("encoding").GetString());
        Assert.Equal(2823, ingest.GetProperty("rows_read").GetInt32());
        Assert.Equal(1, ingest.GetProperty("version").GetInt32());
        Assert.Equal(64, ingest.GetProperty("fingerprint").GetString()!.Length);
        Assert.True(json.GetProperty("validation").GetProperty("passed").GetBoolean());
        Assert.Equal(0, json.GetProperty("validation").GetProperty("errors").GetInt32());
        var train = json.GetProperty("train");
        Assert.Equal(1, train.GetProperty("version").GetInt32());
        Assert.True(train.GetProperty("metrics").GetProperty("r2").GetDouble() > 0.9);
        var sample = json.GetProperty("sample_request");
        Assert.Equal(JsonValueKind.Object, sample.ValueKind);
        Assert.Equal(
            ["COUNTRY", "DEALSIZE", "MONTH_ID", "MSRP", "ORDERLINENUMBER", "PRICEEACH", "PRODUCTLINE", "QTR_ID", "QUANTITYORDERED", "YEAR_ID"],
            sample.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(JsonValueKind.Number, json.GetProperty("sample_prediction").ValueKind);
        var curl = json.GetProperty("curl").GetString()!;
        Assert.StartsWith("curl -s -X POST http", curl, StringComparison.Ordinal);
        Assert.Contains("/predict", curl, StringComparison.Ordinal);
        Assert.True(json.GetProperty("seconds").GetDouble() > 0);

        // The sample the quickstart prints is a request the model accepts, with the prediction it printed.
        var again = (await Cli.RunAsync("predict", "-p", dir, "--json", sample.GetRawText(), "--format", "json")).ShouldExit(0).Json();
        Assert.Equal(json.GetProperty("sample_prediction").GetDouble(), again.GetProperty("predictions")[0].GetProperty("prediction").GetDouble(), 9);
    }
}
