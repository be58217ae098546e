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
public sealed class ScheduledChecksProcessTests(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>, IDisposable
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
        await using (var setup = await SextantProject.OpenAsync(Project))
        {
            var predictor = await ModelLoader.LoadAsync(setup);
            await SalesTraffic.LogAsync(setup, predictor, await SalesTraffic.RecordsAsync(setup, 400, seed: 5, drifted: true), DateTimeOffset.UtcNow.AddMinutes(-10));
        }

        await using var first = await ServeProcess.StartAsync(new Dictionary<string, string>(), "-p", Project);
        await using var second = await ServeProcess.StartAsync(new Dictionary<string, string>(), "-p", Project);
        var servers = new[] { first, second };
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
            await server.StopAsync();
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
}
