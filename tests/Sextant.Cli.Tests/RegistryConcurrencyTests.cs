using System.Text.Json;
using Sextant.Core.Tests.Storage;

namespace Sextant.Cli.Tests;

/// <summary>
/// Real parallel processes training, registering and promoting on one store, SQLite and PostgreSQL: no write is lost,
/// version numbers are unique, and the alias history stays a consistent chain.
/// </summary>
public sealed class RegistryConcurrencyTests(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>, IDisposable
{
    private const int Writers = 3;
    private readonly TempFolder _folder = new("sextant-concurrency");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("sqlite")]
    [PostgresData]
    public async Task ParallelProcesses_TrainAndPromote_LoseNothingAndKeepHistoryConsistent(string kind)
    {
        var project = _folder.Combine(kind);
        (await Cli.RunAsync("init", project, "--example", "sales", "--rows", "600")).ShouldExit(0);
        (await Cli.RunAsync("ingest", "-p", project)).ShouldExit(0);
        var environment = kind == "postgres" ? new Dictionary<string, string> { ["SEXTANT_STORE"] = postgres.Url } : null;

        var trains = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => CliProcess.RunAsync(environment, "train", "-p", project, "--run-name", $"writer{i}", "--format", "json")));

        var versions = trains.Select(t => t.ShouldExit(0).Json().GetProperty("version").GetInt32()).Order().ToList();
        Assert.Equal(Enumerable.Range(1, Writers), versions);
        var runs = (await CliProcess.RunAsync(environment, "runs", "list", "-p", project, "--format", "json")).ShouldExit(0).Json().GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(Writers, runs.Count);
        Assert.All(runs, r => Assert.Equal("finished", r.GetProperty("status").GetString(), ignoreCase: true));
        Assert.Equal(Enumerable.Range(1, Writers), runs.Select(r => r.GetProperty("model_version").GetInt32()).Order());

        // Every process promotes its own version to prod at once (forced, so the gate does not decide the race).
        var promotions = await Task.WhenAll(Enumerable.Range(1, Writers).Select(v => CliProcess.RunAsync(environment, "registry", "promote", v.ToString(System.Globalization.CultureInfo.InvariantCulture), "--to", "prod", "--force", "-p", project)));

        // A process may lose the race: then it must say so and exit 1, never corrupt anything.
        Assert.All(promotions, p => Assert.True(p.ExitCode == 0 || (p.ExitCode == 1 && p.Stderr.Contains("another process changed it", StringComparison.Ordinal)), $"exit {p.ExitCode}: {p.Stderr}"));
        Assert.Contains(promotions, p => p.ExitCode == 0);
        var show = (await CliProcess.RunAsync(environment, "registry", "show", "-p", project, "--format", "json")).ShouldExit(0).Json();
        var history = (await CliProcess.RunAsync(environment, "registry", "history", "-p", project, "--format", "json")).ShouldExit(0).Json().GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(promotions.Count(p => p.ExitCode == 0), history.Count);
        for (var i = 1; i < history.Count; i++)
        {
            Assert.Equal(history[i - 1].GetProperty("to_version").GetInt32(), history[i].GetProperty("from_version").GetInt32());
        }

        Assert.False(history[0].TryGetProperty("from_version", out var first) && first.ValueKind != JsonValueKind.Null, "the first event has no previous version.");
        Assert.Equal(history[^1].GetProperty("to_version").GetInt32(), show.GetProperty("aliases").GetProperty("prod").GetInt32());
        Assert.Equal(Writers, show.GetProperty("versions").GetArrayLength());
    }
}
