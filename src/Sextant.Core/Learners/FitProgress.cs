using System.Diagnostics;

namespace Sextant.Learners;

/// <summary>How far a long fit has got: boosting rounds or forest trees done of the total, and the early-stopping validation loss when there is one.</summary>
/// <param name="Done">Rounds or trees finished.</param>
/// <param name="Total">The most there will be (boosting may stop early).</param>
/// <param name="ValidationLoss">The mean loss on the early-stopping rows after the last round; null without early stopping or for a forest.</param>
public readonly record struct FitProgress(int Done, int Total, double? ValidationLoss = null);

/// <summary>
/// Passes at most one <see cref="FitProgress"/> per interval to a receiver, from any thread, one at a time; the first
/// only once the interval has passed, so a quick fit says nothing.
/// </summary>
internal sealed class FitProgressThrottle(IProgress<FitProgress>? receiver, TimeSpan? interval = null)
{
    /// <summary>The interval of the public fit methods.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);

    private readonly TimeSpan _interval = interval ?? DefaultInterval;
    private readonly Lock _gate = new();
    private long _last = Stopwatch.GetTimestamp();

    public void Report(FitProgress value)
    {
        if (receiver is null || Stopwatch.GetElapsedTime(Volatile.Read(ref _last)) < _interval)
        {
            return;
        }

        lock (_gate)
        {
            if (Stopwatch.GetElapsedTime(_last) < _interval)
            {
                return;
            }

            _last = Stopwatch.GetTimestamp();
            receiver.Report(value);
        }
    }
}
