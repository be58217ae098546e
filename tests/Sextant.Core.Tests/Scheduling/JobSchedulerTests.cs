using System.Threading.Channels;
using Sextant.Core.Tests.Storage;
using Sextant.Scheduling;
using Sextant.Storage;

namespace Sextant.Core.Tests.Scheduling;

/// <summary>The scheduler on a clock the test moves, with two schedulers sharing one store (SQLite and PostgreSQL).</summary>
public sealed class JobSchedulerTests(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>, IDisposable
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 7, 9, 59, 30, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly string _job = "check-" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => _dir.Dispose();

    private Task<IMetadataStore> OpenAsync(string kind, TimeProvider time) => postgres.OpenStoreAsync(kind, _dir.File("sextant.db"), time);

    [Theory]
    [InlineData("sqlite")]
    [PostgresData]
    public async Task TwoSchedulersOnOneStore_RunEachOccurrenceExactlyOnce_AndAFailingRunIsRecordedAndTheScheduleGoesOn(string kind)
    {
        var time = new SteppedTime(s_start);
        await using var first = await OpenAsync(kind, time);
        await using var second = await OpenAsync(kind, time);
        var ran = new List<(string Owner, DateTimeOffset Slot)>();
        var observed = Channel.CreateUnbounded<ScheduledRun>();
        ScheduledJob Job(string owner) => new(_job, CronSchedule.Parse("*/1 * * * *"), (slot, _) =>
        {
            lock (ran)
            {
                ran.Add((owner, slot));
            }

            return slot.Minute == 2 ? throw new InvalidOperationException("the window was empty") : Task.CompletedTask;
        });

        using var stop = new CancellationTokenSource();
        var a = new JobScheduler(first, time, "a").RunAsync([Job("a")], r => observed.Writer.TryWrite(r), stop.Token);
        var b = new JobScheduler(second, time, "b").RunAsync([Job("b")], r => observed.Writer.TryWrite(r), stop.Token);
        var outcomes = new List<ScheduledRun>();
        for (var minute = 0; minute < 4; minute++)
        {
            // Move the clock only once both schedulers wait on their timers (one armed after the move would wait a minute more).
            using (var armed = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                while (time.PendingTimers < 2)
                {
                    await Task.Delay(5, armed.Token);
                }
            }

            time.Advance(TimeSpan.FromMinutes(1));
            for (var seen = 0; seen < 2; seen++)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                outcomes.Add(await observed.Reader.ReadAsync(timeout.Token));
            }
        }

        await stop.CancelAsync();
        await Task.WhenAll(a, b);

        var slots = Enumerable.Range(0, 4).Select(m => new DateTimeOffset(2026, 12, 7, 10, m, 0, TimeSpan.Zero)).ToList();
        Assert.Equal(slots, ran.Select(r => r.Slot).Order());
        Assert.All(slots, slot => Assert.Single(outcomes, o => o.Slot == slot && o.Claimed));
        Assert.Equal(4, outcomes.Count(o => !o.Claimed));
        Assert.Equal("the window was empty", Assert.Single(outcomes, o => o.Error is not null).Error);
        var stored = await first.ListScheduledRunsAsync(_job);
        Assert.Equal(slots.AsEnumerable().Reverse(), stored.Select(r => r.Slot));
        Assert.Equal(ran.OrderBy(r => r.Slot).Select(r => r.Owner), stored.Reverse().Select(r => r.ClaimedBy));
        Assert.All(stored, r => Assert.NotNull(r.FinishedAt));
        Assert.Equal([null, null, "the window was empty", null], stored.Reverse().Select(r => r.Error));
    }

    [Fact]
    public void Cron_FiveOrSixFields_NextAndLatest_AndBadTextIsAClearError()
    {
        var every15 = CronSchedule.Parse("*/15 * * * *");
        var seconds = CronSchedule.Parse("*/10 * * * * *");

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero), every15.Next(s_start));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 10, 30, 0, TimeSpan.Zero), every15.Latest(s_start, s_start.AddMinutes(40)));
        Assert.Null(every15.Latest(s_start, s_start.AddSeconds(20)));
        Assert.Equal(s_start.AddSeconds(10), seconds.Next(s_start));
        var error = Assert.Throws<SextantException>(() => CronSchedule.Parse("every 5 minutes"));
        Assert.StartsWith("'every 5 minutes' is not a cron expression (five fields", error.Message, StringComparison.Ordinal);
    }
}
