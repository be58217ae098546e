using System.Diagnostics;
using System.Text.RegularExpressions;
using Sextant.Core.Tests.Monitoring;
using Sextant.Core.Tests.Storage;
using Sextant.Models;
using Sextant.Monitoring.Alerts;
using Sextant.Projects;

namespace Sextant.Cli.Tests;

/// <summary>
/// Scheduled checks inside <c>sextant serve</c>: two real server processes on one PostgreSQL store, a schedule every
/// two seconds, drifted traffic in the log. Each occurrence is claimed once, and the data-drift alert counts one
/// finding per occurrence (two processes running each would count two).
/// </summary>
public sealed partial class ScheduledChecksProcessTests(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly TempFolder _folder = new("sextant-scheduled-checks");

    private string Project => _folder.Combine("sales");

    public void Dispose() => _folder.Dispose();

    [PostgresFact]
    public async Task TwoServersOnOnePostgresStore_RunEachScheduledCheckExactlyOnce()
    {
        (await Cli.RunAsync("init", Project, "--example", "sales", "--rows", "900")).ShouldExit(0);
        var yaml = Path.Combine(Project, "sextant.yaml");
        var text = (await File.ReadAllTextAsync(yaml)).Replace("monitoring:\n", "monitoring:\n  schedule: \"*/2 * * * * *\"\n", StringComparison.Ordinal);
        await File.WriteAllTextAsync(yaml, text + $"\nstore: {postgres.Url}\n");
        (await Cli.RunAsync("ingest", "-p", Project)).ShouldExit(0);
        (await Cli.RunAsync("train", "-p", Project)).ShouldExit(0);
        await using (var project = await SextantProject.OpenAsync(Project))
        {
            var predictor = await ModelLoader.LoadAsync(project);
            await SalesTraffic.LogAsync(project, predictor, await SalesTraffic.RecordsAsync(project, 400, seed: 5, drifted: true), DateTimeOffset.UtcNow.AddMinutes(-10));
        }

        var servers = new[] { Start(), Start() };
        try
        {
            foreach (var server in servers)
            {
                await WaitServingAsync(server);
            }

            await using var project = await SextantProject.OpenAsync(Project);
            var job = $"monitoring-check:{project.Name}";
            using (var enough = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
            {
                while ((await project.Metadata.ListScheduledRunsAsync(job)).Count(r => r.FinishedAt is not null) < 4)
                {
                    await Task.Delay(200, enough.Token);
                }
            }

            foreach (var server in servers)
            {
                await StopAsync(server);
            }

            var runs = await project.Metadata.ListScheduledRunsAsync(job, limit: 1000);
            var alerts = await project.Metadata.ListAlertsAsync(project.Name);
            var drift = Assert.Single(alerts, a => a.Kind == AlertKind.DataDrift);
            Assert.All(runs.Where(r => r.FinishedAt is not null), r => Assert.True(r.Error is null || r.Error.StartsWith("cancelled", StringComparison.Ordinal), r.Error));
            Assert.Equal(runs.Count, runs.Select(r => r.Slot).Distinct().Count());
            Assert.All(runs, r => Assert.Equal(0, r.Slot.Second % 2));
            // One finding per claimed occurrence; a run cut short by the stop may have claimed without checking.
            Assert.InRange(drift.Occurrences, runs.Count - servers.Length, runs.Count);
        }
        finally
        {
            foreach (var server in servers.Where(s => !s.HasExited))
            {
                server.Kill(entireProcessTree: true);
            }
        }
    }

    private Process Start()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "sextant.dll"), "serve", "-p", Project, "--urls", "http://127.0.0.1:0", "--log-level", "Information" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        var process = Process.Start(start)!;
        // Keep stdout drained so the JSON log lines never block the server.
        _ = process.StandardOutput.ReadToEndAsync();
        return process;
    }

    private static async Task WaitServingAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            if (ServingUrl().IsMatch(line))
            {
                _ = process.StandardError.ReadToEndAsync();
                return;
            }
        }

        Assert.Fail("sextant serve exited before serving.");
    }

    private static async Task StopAsync(Process process)
    {
        using var kill = Process.Start("kill", ["-s", "TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(exit.Token);
    }

    [GeneratedRegex(@"Serving .* at (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ServingUrl();
}
