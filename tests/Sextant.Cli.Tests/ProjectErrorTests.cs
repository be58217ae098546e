namespace Sextant.Cli.Tests;

/// <summary>Wrong projects and dangerous training requests: refused with a clear message, exit code 1.</summary>
public sealed class ProjectErrorTests : IDisposable
{
    private readonly TempFolder _folder = new("sextant-errors");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Ingest_FolderWithoutProject_Exits1NamingSextantYaml()
    {
        var empty = _folder.Combine("emptydir");
        Directory.CreateDirectory(empty);

        var result = (await Cli.RunAsync("ingest", "-p", empty)).ShouldExit(1);

        Assert.StartsWith("error:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("sextant.yaml", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(empty, result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout.Trim());
    }

    [Fact]
    public async Task Ingest_FolderWithoutProjectInJsonMode_PrintsOneErrorDocument()
    {
        var empty = _folder.Combine("emptydir");
        Directory.CreateDirectory(empty);

        var result = (await Cli.RunAsync("ingest", "-p", empty, "--format", "json")).ShouldExit(1);

        var error = result.Json().GetProperty("error");
        Assert.Contains("sextant.yaml", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Ingest_ConfigWithUnknownKeyAndWrongType_Exits1ListingBothWithLineNumbers()
    {
        var project = await InitSalesAsync();
        await ProjectFiles.EditConfigAsync(project, "\ntask: regression\n", "\ntask: regression\ncolour: \"blue\"\n");
        await ProjectFiles.EditConfigAsync(project, "  test_fraction: 0.2\n", "  test_fraction: lots\n");
        var lines = (await File.ReadAllTextAsync(ProjectFiles.ConfigPath(project))).Split('\n');
        var unknownLine = Array.FindIndex(lines, l => l.StartsWith("colour:", StringComparison.Ordinal)) + 1;
        var wrongTypeLine = Array.FindIndex(lines, l => l.Contains("test_fraction: lots", StringComparison.Ordinal)) + 1;

        var json = (await Cli.RunAsync("ingest", "-p", project, "--format", "json")).ShouldExit(1).Json().GetProperty("error");
        Assert.Equal("config", json.GetProperty("kind").GetString());
        var problems = json.GetProperty("problems").EnumerateArray().ToList();
        Assert.True(problems.Count == 2, $"expected the unknown key and the wrong type, nothing else; got: {string.Join(" | ", problems)}");
        Assert.Equal(unknownLine, problems[0].GetProperty("line").GetInt32());
        Assert.Contains("colour", problems[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(wrongTypeLine, problems[1].GetProperty("line").GetInt32());
        Assert.Contains("split.test_fraction", problems[1].GetProperty("message").GetString(), StringComparison.Ordinal);

        var text = (await Cli.RunAsync("ingest", "-p", project)).ShouldExit(1);
        Assert.Contains($"line {unknownLine},", text.Stderr, StringComparison.Ordinal);
        Assert.Contains($"line {wrongTypeLine},", text.Stderr, StringComparison.Ordinal);
        Assert.Contains("2 problem(s)", text.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_TargetListedAmongFeatures_IsRefusedNamingIt()
    {
        var project = await InitSalesAsync();
        await ProjectFiles.AddNumericFeatureAsync(project, "SALES");
        (await Cli.RunAsync("ingest", "-p", project)).ShouldExit(0);

        var result = (await Cli.RunAsync("train", "-p", project)).ShouldExit(1);

        Assert.Contains("Training refused", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("the target 'SALES' is listed among the features", result.Stderr, StringComparison.Ordinal);
        await AssertNoModelAsync(project);
    }

    [Fact]
    public async Task Train_DerivedFeatureReadingTheTarget_IsRefusedNamingIt()
    {
        var project = await InitSalesAsync();
        await ProjectFiles.EditConfigAsync(project, "inputs: [\"QUANTITYORDERED\", \"MSRP\"]", "inputs: [\"QUANTITYORDERED\", \"SALES\"]");
        (await Cli.RunAsync("ingest", "-p", project)).ShouldExit(0);

        var result = (await Cli.RunAsync("train", "-p", project)).ShouldExit(1);

        Assert.Contains("derived feature 'LIST_VALUE' reads the target 'SALES'", result.Stderr, StringComparison.Ordinal);
        await AssertNoModelAsync(project);
    }

    [Fact]
    public async Task Train_NumericFeatureCopyingTheTarget_IsRefusedForCorrelationUnlessAllowed()
    {
        var project = await InitSalesAsync();
        await ProjectFiles.AddSalesCopyColumnAsync(project, "SALES_COPY");
        await ProjectFiles.AddNumericFeatureAsync(project, "SALES_COPY");
        (await Cli.RunAsync("ingest", "-p", project)).ShouldExit(0);

        var refused = (await Cli.RunAsync("train", "-p", project)).ShouldExit(1);
        Assert.Contains("SALES_COPY", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("correlation", refused.Stderr, StringComparison.Ordinal);
        await AssertNoModelAsync(project);

        var allowed = (await Cli.RunAsync("train", "-p", project, "--allow-leakage", "--format", "json")).ShouldExit(0).Json();
        Assert.Equal(1, allowed.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Train_DataFailingValidation_IsRefusedUnlessAllowInvalid()
    {
        var project = await InitSalesAsync();
        await ProjectFiles.EditConfigAsync(project, "allowed: [\"Small\", \"Medium\", \"Large\"]", "allowed: [\"Small\", \"Medium\"]");
        (await Cli.RunAsync("ingest", "-p", project)).ShouldExit(0);

        var validate = (await Cli.RunAsync("validate", "-p", project, "--format", "json")).ShouldExit(2).Json();
        Assert.False(validate.GetProperty("passed").GetBoolean());
        Assert.All(validate.GetProperty("errors").EnumerateArray(), e =>
        {
            Assert.Equal("DEALSIZE", e.GetProperty("feature").GetString());
            Assert.Equal("Large", e.GetProperty("received").GetString());
        });
        var violations = validate.GetProperty("error_count").GetInt32();
        Assert.True(violations > 0);

        var refused = (await Cli.RunAsync("train", "-p", project)).ShouldExit(1);
        Assert.Contains("fails validation", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("DEALSIZE", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("--allow-invalid", refused.Stderr, StringComparison.Ordinal);
        await AssertNoModelAsync(project);

        var allowed = (await Cli.RunAsync("train", "-p", project, "--allow-invalid", "--format", "json")).ShouldExit(0).Json();
        Assert.False(allowed.GetProperty("validation_passed").GetBoolean());
        Assert.Equal(1, allowed.GetProperty("version").GetInt32());
    }

    private async Task<string> InitSalesAsync()
    {
        var project = _folder.Combine("sales");
        (await Cli.RunAsync("init", project, "--example", "sales", "--rows", "1000")).ShouldExit(0);
        return project;
    }

    private static async Task AssertNoModelAsync(string project)
    {
        var models = (await Cli.RunAsync("models", "-p", project, "--format", "json")).ShouldExit(0).Json();
        Assert.Empty(models.GetProperty("versions").EnumerateArray());
    }
}
