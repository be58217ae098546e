using Sextant.Core.Tests.Storage;
using Sextant.Monitoring.Alerts;
using Sextant.Storage;

namespace Sextant.Core.Tests.Monitoring.Alerts;

/// <summary>The alerts table on SQLite and on a real PostgreSQL server: one active alert per model and kind.</summary>
public sealed class AlertStoreTests(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>, IDisposable
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly string _model = "m_" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => _dir.Dispose();

    private Task<IMetadataStore> OpenAsync(string kind, TimeProvider time) => postgres.OpenStoreAsync(kind, _dir.File("sextant.db"), time);

    private AlertSignal Drift(double score, AlertKind kind = AlertKind.DataDrift, int version = 1) => new()
    {
        Model = _model,
        Version = version,
        Kind = kind,
        Severity = score > 0.25 ? AlertSeverity.Critical : AlertSeverity.Warning,
        Features = ["PRICEEACH", "COUNTRY"],
        Scores = new Dictionary<string, double> { ["PRICEEACH"] = score, ["drifted_share"] = 0.2 },
        Message = $"score {score}",
    };

    [Theory]
    [InlineData("sqlite")]
    [PostgresData]
    public async Task Raise_SameKindTwice_UpdatesTheOneAlertInsteadOfRepeatingIt(string kind)
    {
        var time = new ManualTime(s_start);
        await using var store = await OpenAsync(kind, time);

        var opened = await store.RaiseAlertAsync(Drift(0.15));
        time.Advance(TimeSpan.FromMinutes(15));
        var updated = await store.RaiseAlertAsync(Drift(0.4, version: 2));
        var other = await store.RaiseAlertAsync(Drift(0.12, AlertKind.PredictionDrift));

        Assert.Equal(AlertChangeKind.Opened, opened.Change);
        Assert.Equal(AlertChangeKind.Updated, updated.Change);
        Assert.Equal(opened.Alert.Id, updated.Alert.Id);
        Assert.Equal(AlertChangeKind.Opened, other.Change);
        Assert.NotEqual(opened.Alert.Id, other.Alert.Id);
        var active = await store.ListAlertsAsync(_model);
        Assert.Equal(2, active.Count);
        var drift = active.Single(a => a.Kind == AlertKind.DataDrift);
        Assert.Equal((2, 2, AlertSeverity.Critical, AlertState.Open), (drift.Occurrences, drift.Version.GetValueOrDefault(), drift.Severity, drift.State));
        Assert.Equal(s_start, drift.OpenedAt);
        Assert.Equal(s_start.AddMinutes(15), drift.UpdatedAt);
        Assert.Equal(0.4, drift.Scores["PRICEEACH"]);
        Assert.Equal(["PRICEEACH", "COUNTRY"], drift.Features);
        Assert.Equal("score 0.4", drift.Message);
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresData]
    public async Task Acknowledged_StaysAcknowledgedWhenUpdated_AndAfterResolveTheNextFindingOpensANewAlert(string kind)
    {
        var time = new ManualTime(s_start);
        await using var store = await OpenAsync(kind, time);
        var opened = await store.RaiseAlertAsync(Drift(0.15));

        time.Advance(TimeSpan.FromMinutes(1));
        var ack = await store.SetAlertStateAsync(opened.Alert.Id, AlertState.Acknowledged, "alice");
        var again = await store.SetAlertStateAsync(opened.Alert.Id, AlertState.Acknowledged, "bob");
        var updated = await store.RaiseAlertAsync(Drift(0.2));
        time.Advance(TimeSpan.FromMinutes(1));
        var resolved = await store.ResolveActiveAlertAsync(_model, AlertKind.DataDrift, "monitor");
        var nothing = await store.ResolveActiveAlertAsync(_model, AlertKind.DataDrift, "monitor");
        var reopened = await store.RaiseAlertAsync(Drift(0.3));

        Assert.Equal(AlertChangeKind.Acknowledged, ack!.Change);
        Assert.Equal(("alice", s_start.AddMinutes(1)), (ack.Alert.AcknowledgedBy, ack.Alert.AcknowledgedAt.GetValueOrDefault()));
        Assert.Null(again);
        Assert.Equal((AlertChangeKind.Updated, AlertState.Acknowledged), (updated.Change, updated.Alert.State));
        Assert.Equal((AlertState.Resolved, "monitor", s_start.AddMinutes(2)), (resolved!.Alert.State, resolved.Alert.ResolvedBy, resolved.Alert.ResolvedAt.GetValueOrDefault()));
        Assert.Null(nothing);
        Assert.Equal(AlertChangeKind.Opened, reopened.Change);
        Assert.NotEqual(opened.Alert.Id, reopened.Alert.Id);
        Assert.Equal([reopened.Alert.Id], (await store.ListAlertsAsync(_model)).Select(a => a.Id));
        Assert.Equal([reopened.Alert.Id, opened.Alert.Id], (await store.ListAlertsAsync(_model, includeResolved: true)).Select(a => a.Id));
        await Assert.ThrowsAsync<AlertConflictException>(() => store.SetAlertStateAsync(opened.Alert.Id, AlertState.Acknowledged, "carol"));
        await Assert.ThrowsAsync<AlertNotFoundException>(() => store.SetAlertStateAsync(999_999, AlertState.Resolved, "carol"));
        Assert.Equal(AlertState.Resolved, (await store.GetAlertAsync(opened.Alert.Id))!.State);
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresData]
    public async Task Raise_ConcurrentlyFromTwoConnections_KeepsOneActiveAlert(string kind)
    {
        var time = new ManualTime(s_start);
        await using var first = await OpenAsync(kind, time);
        await using var second = await OpenAsync(kind, time);

        var changes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? first : second).RaiseAlertAsync(Drift(0.1 + (i * 0.01)))));

        Assert.Single(changes, c => c.Change == AlertChangeKind.Opened);
        var alert = Assert.Single(await first.ListAlertsAsync(_model, includeResolved: true));
        Assert.Equal(20, alert.Occurrences);
    }
}
