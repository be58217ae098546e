using System.Diagnostics;
using System.Text.Json;

namespace Sextant.Cli.Tests;

/// <summary>Nothing lost: an ingest killed part-way (a real process, SIGKILL) leaves no half version.</summary>
public class IngestKillTests
{
    [Fact]
    public async Task IngestKilledAtAnyPoint_LeavesTheVersionListUnchangedOrOneWholeVersionMore()
    {
        using var dir = new TempFolder();
        var project = dir.Combine("housing");
        (await Cli.RunAsync("init", project, "--example", "housing", "--rows", "150000")).ShouldExit(0);
        var first = (await Cli.RunAsync("ingest", "-p", project, "--format", "json")).ShouldExit(0).Json();
        var fingerprint = first.GetProperty("fingerprint").GetString();
        var rows = first.GetProperty("rows_stored").GetInt32();

        // Time a whole ingest in a separate process, then kill others at fractions of that time (start-up, read, write, record).
        var watch = Stopwatch.StartNew();
        (await CliProcess.RunAsync(null, "ingest", "-p", project)).ShouldExit(0);
        var whole = watch.Elapsed;
        var expected = 2;
        var killed = 0;
        foreach (var fraction in new[] { 0.2, 0.4, 0.55, 0.7, 0.8, 0.9, 0.97 })
        {
            var completed = await RunAndKillAsync(project, whole * fraction);
            killed += completed ? 0 : 1;
            var versions = await VersionsAsync(project);
            Assert.True(versions.Count == expected || versions.Count == expected + 1, $"{versions.Count} versions after a kill at {fraction:P0}; expected {expected} or {expected + 1}");
            expected = versions.Count;
            Assert.All(versions, v =>
            {
                Assert.Equal(fingerprint, v.GetProperty("fingerprint").GetString());
                Assert.Equal(rows, v.GetProperty("rows").GetInt32());
            });
            Assert.Equal(Enumerable.Range(1, versions.Count), versions.Select(v => v.GetProperty("version").GetInt32()));
        }

        Assert.True(killed >= 3, $"only {killed} of 7 ingests were killed before finishing; the test did not test kills");
        // Every listed version loads whole, and the store takes the next ingest.
        var count = (await Cli.RunAsync("data", "query", "SELECT COUNT(*) FROM housing", "-p", project, "--format", "json")).ShouldExit(0).Json();
        Assert.Equal(rows, count.GetProperty("rows")[0][0].GetInt32());
        var next = (await Cli.RunAsync("ingest", "-p", project, "--format", "json")).ShouldExit(0).Json();
        Assert.Equal(expected + 1, next.GetProperty("version").GetInt32());
        Assert.Equal(fingerprint, next.GetProperty("fingerprint").GetString());
        var parquet = Directory.GetFiles(Path.Combine(project, ".sextant", "datasets"), "*.parquet");
        Assert.Single(parquet);
    }

    /// <summary>Starts an ingest and kills it after <paramref name="delay"/>; true when it had finished by then.</summary>
    private static async Task<bool> RunAndKillAsync(string project, TimeSpan delay)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sextant.dll"));
        foreach (var arg in new[] { "ingest", "-p", project })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var wait = new CancellationTokenSource(delay);
        try
        {
            await process.WaitForExitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return false;
        }
    }

    private static async Task<List<JsonElement>> VersionsAsync(string project) =>
        [.. (await Cli.RunAsync("data", "versions", "-p", project, "--format", "json")).ShouldExit(0).Json().GetProperty("versions").EnumerateArray()];
}
