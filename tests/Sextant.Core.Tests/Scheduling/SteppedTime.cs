namespace Sextant.Core.Tests.Scheduling;

/// <summary>
/// A clock the test moves by hand whose timers (and so <c>Task.Delay(..., time)</c>) fire only when it is moved past them
/// (<see cref="ManualTime"/> keeps real timers, which other tests rely on).
/// </summary>
public sealed class SteppedTime(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<Timer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    /// <summary>The timers waiting to fire (e.g. a scheduler that has armed its next wake-up).</summary>
    public int PendingTimers
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count;
            }
        }
    }

    public void Advance(TimeSpan by)
    {
        List<Timer> due;
        lock (_lock)
        {
            _now += by;
            due = [.. _timers.Where(t => t.Due <= _now)];
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class Timer(SteppedTime time, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset Due { get; private set; } = DateTimeOffset.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            bool fireNow;
            lock (time._lock)
            {
                _period = period;
                Due = dueTime == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : time._now + dueTime;
                time._timers.Remove(this);
                fireNow = Due <= time._now;
                if (Due != DateTimeOffset.MaxValue && !fireNow)
                {
                    time._timers.Add(this);
                }
            }

            if (fireNow)
            {
                Fire();
            }

            return true;
        }

        public void Fire()
        {
            lock (time._lock)
            {
                time._timers.Remove(this);
                if (_period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero)
                {
                    Due = time._now + _period;
                    time._timers.Add(this);
                }
            }

            callback(state);
        }

        public void Dispose()
        {
            lock (time._lock)
            {
                time._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
