using Sextant.Server.Metrics;

namespace Sextant.Server.Tests.Metrics;

public sealed class RequestHistoryTests
{
    private sealed class ManualTime(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly DateTimeOffset s_start = new(2026, 12, 7, 10, 0, 30, TimeSpan.Zero);

    [Fact]
    public void Snapshot_CountsEachMinute_AndLeavesOutTheDashboardsOwnPages()
    {
        var time = new ManualTime(s_start);
        var history = new RequestHistory(time);
        history.Record("/predict", 200, 0.002);
        history.Record("/predict", 400, 0.001);
        history.Record("/predict", 503, 0.004);
        history.Record("/ui/runs", 200, 0.3);
        time.Now = s_start.AddMinutes(2);
        history.Record("/predict", 200, 0.02);

        var minutes = history.Snapshot();
        Assert.Equal(RequestHistory.Minutes, minutes.Count);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 10, 2, 0, TimeSpan.Zero), minutes[^1].Start);
        Assert.Equal((1L, 0L, 0L), (minutes[^1].Requests, minutes[^1].ClientErrors, minutes[^1].ServerErrors));
        Assert.Equal(0, minutes[^2].Requests);
        Assert.True(double.IsNaN(minutes[^2].P50Ms));
        Assert.Equal((3L, 1L, 1L), (minutes[^3].Requests, minutes[^3].ClientErrors, minutes[^3].ServerErrors));
        Assert.Equal(4, minutes.Sum(m => m.Requests));
    }

    [Fact]
    public void Snapshot_AnHourLater_HasForgottenTheOldMinute_EvenInTheSameSlot()
    {
        var time = new ManualTime(s_start);
        var history = new RequestHistory(time);
        history.Record("/predict", 200, 0.002);
        time.Now = s_start.AddMinutes(60);
        Assert.Equal(0, history.Snapshot().Sum(m => m.Requests));
        history.Record("/predict", 200, 0.002);
        Assert.Equal(1, history.Snapshot().Sum(m => m.Requests));
    }

    [Fact]
    public void Quantile_InterpolatesWithinTheBucketLikePrometheus()
    {
        // Bounds: 0.0001, 0.00025, 0.0005, 0.001, 0.0025, ... Ten requests in (0.001, 0.0025], ten in (0.0025, 0.005].
        var counts = new long[LatencyHistogram.Bounds.Length + 1];
        counts[4] = 10;
        counts[5] = 10;
        Assert.Equal(0.0025, RequestHistory.Quantile(counts, 0.5), 12);
        Assert.Equal(0.001 + (0.0015 * 0.5), RequestHistory.Quantile(counts, 0.25), 12);
        Assert.Equal(0.0025 + (0.0025 * 0.9), RequestHistory.Quantile(counts, 0.95), 12);
        counts[^1] = 100;
        Assert.Equal(LatencyHistogram.Bounds[^1], RequestHistory.Quantile(counts, 0.99));
        Assert.True(double.IsNaN(RequestHistory.Quantile(new long[counts.Length], 0.5)));
    }
}
