namespace Sextant.Cli.Tests;

/// <summary>
/// The sales example taken through the CLI once: init, ingest twice, validate, train. Tests read the recorded
/// results and run further commands on the trained project.
/// </summary>
public sealed class SalesProjectFixture : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new("sextant-sales");

    public string Project => _folder.Combine("sales");

    internal CliResult Init { get; private set; } = null!;

    internal CliResult FirstIngest { get; private set; } = null!;

    internal CliResult SecondIngest { get; private set; } = null!;

    internal CliResult Validate { get; private set; } = null!;

    internal CliResult Train { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Init = (await Cli.RunAsync("init", Project, "--example", "sales", "--format", "json")).ShouldExit(0);
        FirstIngest = (await Cli.RunAsync("ingest", "-p", Project, "--format", "json")).ShouldExit(0);
        SecondIngest = (await Cli.RunAsync("ingest", "-p", Project, "--format", "json")).ShouldExit(0);
        Validate = await Cli.RunAsync("validate", "-p", Project);
        Train = (await Cli.RunAsync("train", "-p", Project, "--format", "json")).ShouldExit(0);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Dispose();

    /// <summary>A valid record of the sales schema.</summary>
    public const string ValidRecord = """{"QUANTITYORDERED":30,"PRICEEACH":95.7,"ORDERLINENUMBER":2,"MSRP":95,"QTR_ID":1,"MONTH_ID":2,"YEAR_ID":2003,"PRODUCTLINE":"Motorcycles","COUNTRY":"USA","DEALSIZE":"Small"}""";
}
