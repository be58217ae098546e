using System.Text.Json;

namespace Sextant.Cli.Tests;

/// <summary>The runs and registry commands end to end on a trained sales project.</summary>
public sealed class RunsAndRegistryCliTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new("sextant-registry-cli");

    private string Project => _folder.Combine("sales");

    public async Task InitializeAsync()
    {
        (await Cli.RunAsync("init", Project, "--example", "sales", "--rows", "700")).ShouldExit(0);
        (await Cli.RunAsync("ingest", "-p", Project)).ShouldExit(0);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Dispose();

    private async Task<JsonElement> JsonAsync(params string[] args) =>
        (await Cli.RunAsync([.. args, "-p", Project, "--format", "json"])).ShouldExit(0).Json();

    [Fact]
    public async Task TrainPromoteListShowCompareHistory_WorkTogether()
    {
        var first = await JsonAsync("train", "--run-name", "baseline", "--promote", "staging");
        Assert.True(first.GetProperty("promotion").GetProperty("decision").GetProperty("promoted").GetBoolean());
        var second = await JsonAsync("train", "--run-name", "again");
        var firstRun = first.GetProperty("train").GetProperty("run_id").GetString()!;
        var secondRun = second.GetProperty("run_id").GetString()!;

        var listed = (await JsonAsync("runs", "list", "--filter", "name = 'baseline' OR name IN ('again')", "--order-by", "start_time ASC")).GetProperty("runs");
        Assert.Equal([firstRun, secondRun], listed.EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(0, (await JsonAsync("runs", "list", "--filter", "metrics.rmse < 0")).GetProperty("runs").GetArrayLength());

        var shown = await JsonAsync("runs", "show", firstRun[..14]);
        Assert.Equal(firstRun, shown.GetProperty("id").GetString());
        foreach (var artifact in new[] { "model", "leaderboard", "metrics", "signature", "input_example" })
        {
            Assert.True(shown.GetProperty("artifacts").TryGetProperty(artifact, out _), $"run lacks artifact {artifact}");
        }

        Assert.Contains("name:", shown.GetProperty("config_snapshot").GetString(), StringComparison.Ordinal);
        Assert.True(shown.GetProperty("environment").TryGetProperty("dotnet", out _));

        var compared = await JsonAsync("runs", "compare", firstRun, secondRun);
        var rmse = compared.GetProperty("metrics").GetProperty("rmse").EnumerateArray().ToList();
        Assert.Equal(0, rmse[0].GetProperty("delta").GetDouble());
        Assert.Equal(rmse[1].GetProperty("value").GetDouble() - rmse[0].GetProperty("value").GetDouble(), rmse[1].GetProperty("delta").GetDouble(), 9);

        var promote = await Cli.RunAsync("registry", "promote", "2", "--to", "staging", "--reason", "same data, same model", "-p", Project);
        promote.ShouldExit(0);
        Assert.Contains("primary_metric", promote.Stdout, StringComparison.Ordinal);
        var show = await JsonAsync("registry", "show");
        Assert.Equal(JsonValueKind.Object, show.GetProperty("aliases").ValueKind);
        Assert.Equal(2, show.GetProperty("aliases").GetProperty("staging").GetInt32());
        Assert.Equal(2, show.GetProperty("versions").GetArrayLength());

        var at = await JsonAsync("registry", "history", "--at", DateTimeOffset.UtcNow.AddDays(1).ToString("O"));
        Assert.Equal(2, at.GetProperty("aliases").GetProperty("staging").GetInt32());
        var before = await JsonAsync("registry", "history", "--at", "2000-01-01");
        Assert.Equal(JsonValueKind.Null, before.GetProperty("aliases").GetProperty("staging").ValueKind);

        var rollback = await JsonAsync("registry", "rollback", "--alias", "staging");
        Assert.Equal(1, rollback.GetProperty("version").GetInt32());
        (await Cli.RunAsync("registry", "tag", "1", "owner=pricing", "-p", Project)).ShouldExit(0);
        (await Cli.RunAsync("registry", "describe", "1", "the baseline", "-p", Project)).ShouldExit(0);
        var version = await JsonAsync("registry", "show", "1");
        Assert.Equal("pricing", version.GetProperty("version").GetProperty("tags").GetProperty("owner").GetString());
        Assert.Equal("the baseline", version.GetProperty("version").GetProperty("description").GetString());
        Assert.Equal(["staging"], version.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Promote_RefusedByTheGate_Exits3AndSaysWhy()
    {
        var yaml = _folder.Combine("sales", "sextant.yaml");
        (await Cli.RunAsync("train", "-p", Project, "--promote", "prod")).ShouldExit(0);
        // Demand an impossible improvement: the next version cannot pass.
        await File.WriteAllTextAsync(yaml, (await File.ReadAllTextAsync(yaml)).Replace("min_improvement: 0", "min_improvement: 1000000", StringComparison.Ordinal));

        var refused = await Cli.RunAsync("train", "-p", Project, "--promote", "prod");

        refused.ShouldExit(3);
        Assert.Contains("Not promoted: failed primary_metric", refused.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, (await JsonAsync("registry", "show")).GetProperty("aliases").GetProperty("prod").GetInt32());
    }

    [Fact]
    public async Task RunsList_BadFilter_Exits1WithTheColumnAndACaret()
    {
        var result = await Cli.RunAsync("runs", "list", "-p", Project, "--filter", "metric.rmse < 3");

        result.ShouldExit(1);
        Assert.Contains("column 1", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("metrics.", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("^", result.Stderr, StringComparison.Ordinal);
    }
}
