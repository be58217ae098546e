using Sextant.Data.Ingest;
using Sextant.Examples;
using Sextant.Models;
using Sextant.Monitoring.Alerts;
using Sextant.Monitoring.Checks;
using Sextant.Monitoring.Drift;
using Sextant.Projects;
using Sextant.Training;

namespace Sextant.Core.Tests.Monitoring.Checks;

/// <summary>A check of the sales model's logged predictions: normal traffic raises nothing, drifted traffic opens alerts.</summary>
public sealed class MonitoringCheckTests : TrainedSalesProject
{
    private Task LogAsync(IReadOnlyList<string> records, DateTimeOffset from) => SalesTraffic.LogAsync(Project, Predictor, records, from);

    private Task<MonitoringCheckResult> CheckAsync(DateTimeOffset since, TimeSpan length) =>
        MonitoringCheck.RunAsync(Project, new MonitoringCheckRequest { Since = since, Until = since + length }, new ManualTime(since + length));

    [Fact]
    public async Task Check_NormalTraffic_RaisesNothing()
    {
        await LogAsync(await SalesTraffic.RecordsAsync(Project, 600, seed: 7, drifted: false), Start);

        var result = await CheckAsync(Start, TimeSpan.FromHours(1));

        Assert.Equal((DriftCheckStatus.Checked, 600, 1), (result.Drift.Status, result.WindowRows, result.Version));
        Assert.False(result.Drift.DatasetDrift, result.Drift.Message);
        Assert.False(result.Drift.Prediction!.Drifted);
        Assert.Empty(result.Alerts);
        Assert.Empty(await Project.Metadata.ListAlertsAsync(Project.Name, includeResolved: true));
        // Each feature's buckets (bins, values or categories) hold every non-missing row of both sides, one name or edge per bucket.
        Assert.All(result.Drift.Features.Append(result.Drift.Prediction), f =>
        {
            var buckets = f.Buckets!;
            Assert.Equal((f.ReferenceRows, f.CurrentRows), ((long)buckets.Reference.Sum(), (long)buckets.Current.Sum()));
            Assert.Equal(buckets.Reference.Length, buckets.Current.Length);
            Assert.Equal(buckets.Reference.Length, buckets.Labels?.Length ?? buckets.Edges!.Length + 1);
        });
        Assert.Equal("(unseen)", result.Drift.Features.Single(f => f.Name == "COUNTRY").Buckets!.Labels![^1]);
    }

    [Fact]
    public async Task Check_DriftedTraffic_OpensDataAndPredictionDriftAlerts_UpdatesThem_AndACleanWindowResolvesThem()
    {
        await LogAsync(await SalesTraffic.RecordsAsync(Project, 600, seed: 8, drifted: true), Start);
        await LogAsync(await SalesTraffic.RecordsAsync(Project, 600, seed: 9, drifted: false), Start.AddHours(2));

        var first = await CheckAsync(Start, TimeSpan.FromHours(1));
        var second = await CheckAsync(Start, TimeSpan.FromHours(1));
        var clean = await CheckAsync(Start.AddHours(2), TimeSpan.FromHours(1));

        Assert.True(first.Drift.DatasetDrift, first.Drift.Message);
        // The five moved features drift (a window of 600 rows may flag another one by chance).
        Assert.Subset(first.Drift.Features.Where(f => f.Drifted).Select(f => f.Name).ToHashSet(), SalesTraffic.DriftedFeatures.ToHashSet());
        Assert.Equal([(AlertKind.DataDrift, AlertChangeKind.Opened), (AlertKind.PredictionDrift, AlertChangeKind.Opened)], first.Alerts.Select(a => (a.Alert.Kind, a.Change)));
        var data = first.Alerts[0].Alert;
        Assert.Equal(first.Drift.Features.Where(f => f.Drifted).Select(f => f.Name).Order(), data.Features.Order());
        Assert.Equal(AlertSeverity.Critical, data.Severity);
        Assert.Equal(first.Drift.DriftedShare, data.Scores["drifted_share"]);
        Assert.InRange(data.Scores["drifted_share"], 0.5, 1);
        Assert.Contains("PRICEEACH (wasserstein", data.Message, StringComparison.Ordinal);

        Assert.Equal([AlertChangeKind.Updated, AlertChangeKind.Updated], second.Alerts.Select(a => a.Change));
        Assert.Equal(first.Alerts.Select(a => a.Alert.Id), second.Alerts.Select(a => a.Alert.Id));
        Assert.All(second.Alerts, a => Assert.Equal(2, a.Alert.Occurrences));

        Assert.False(clean.Drift.DatasetDrift, clean.Drift.Message);
        Assert.Equal([AlertChangeKind.Resolved, AlertChangeKind.Resolved], clean.Alerts.Select(a => a.Change));
        Assert.All(clean.Alerts, a => Assert.Equal("monitor", a.Alert.ResolvedBy));
        Assert.Empty(await Project.Metadata.ListAlertsAsync(Project.Name));
        Assert.Equal(2, (await Project.Metadata.ListAlertsAsync(Project.Name, includeResolved: true)).Count);
    }

    [Fact]
    public async Task Check_DriftedButBelowTheMinimumSample_SaysNotEnoughDataAndRaisesNothing()
    {
        await LogAsync((await SalesTraffic.RecordsAsync(Project, 600, seed: 10, drifted: true)).Take(150).ToList(), Start);

        var result = await CheckAsync(Start, TimeSpan.FromHours(1));

        Assert.Equal(DriftCheckStatus.NotEnoughData, result.Drift.Status);
        Assert.Contains("not enough data: 150 current rows, at least 200 needed", result.Drift.Message, StringComparison.Ordinal);
        Assert.Empty(result.Alerts);
        Assert.Empty(await Project.Metadata.ListAlertsAsync(Project.Name, includeResolved: true));
    }

    [Fact]
    public async Task Check_EmptyWindow_IsAClearErrorAndChangesNothing()
    {
        await LogAsync(await SalesTraffic.RecordsAsync(Project, 300, seed: 11, drifted: true), Start);

        var error = await Assert.ThrowsAsync<EmptyWindowException>(() => CheckAsync(Start.AddDays(1), TimeSpan.FromHours(1)));
        var unknown = await Assert.ThrowsAsync<SextantException>(() => MonitoringCheck.RunAsync(Project, new MonitoringCheckRequest { Alias = "prod" }));

        Assert.StartsWith("No logged predictions in the window (sales v1, since 2026-12-08 00:00:00Z, until 2026-12-08 01:00:00Z)", error.Message, StringComparison.Ordinal);
        Assert.Contains("has no aliases", unknown.Message, StringComparison.Ordinal);
        Assert.Empty(await Project.Metadata.ListAlertsAsync(Project.Name, includeResolved: true));
    }

    [Fact]
    public async Task Check_ConfiguredRollingWindow_ReadsTheLastDurationBeforeNow()
    {
        await LogAsync(await SalesTraffic.RecordsAsync(Project, 600, seed: 12, drifted: true), Start);
        await LogAsync(await SalesTraffic.RecordsAsync(Project, 400, seed: 13, drifted: false), Start.AddHours(30));

        // The default window is the last 24 hours: at Start + 31h only the normal traffic is in it.
        var result = await MonitoringCheck.RunAsync(Project, new MonitoringCheckRequest(), new ManualTime(Start.AddHours(31)));

        Assert.Equal(400, result.WindowRows);
        Assert.False(result.Drift.DatasetDrift, result.Drift.Message);
        Assert.Equal("sales v1, since 2026-12-07 07:00:00Z", result.Window);
    }
}
