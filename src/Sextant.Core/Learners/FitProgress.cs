using System.Diagnostics;

namespace Sextant.Learners;

/// <summary>How far a long fit has got: boosting rounds or forest trees done of the total, and the early-stopping validation loss when there is one.</summary>
/// <param name="Done">Rounds or trees finished.</param>
/// <param name="Total">The most there will be (boosting may stop early).</param>
/// <param name="ValidationLoss">The mean loss on the early-stopping rows after the last round; null without early stopping or for a forest.</param>
public readonly record struct FitProgress(int Done, int Total, double? ValidationLoss = null);

/// <summary>Passes the first <see cref="FitProgress"/> and then at most one a second to a receiver, from any thread, one at a time.</summary>
internal sealed class FitProgressThrottle(IProgress<FitProgress>? receiver)
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    // 0: the first report passes at once, so a long fit shows at once that it has started.
    private long _last;

    public void Report(FitProgress value)
    {
        if (receiver is null || Stopwatch.GetElapsedTime(Volatile.Read(ref _last)) < s_interval)
        {
            return;
        }

        lock (_gate)
        {
            if (Stopwatch.GetElapsedTime(_last) < s_interval)
            {
                return;
            }

            _last = Stopwatch.GetTimestamp();
            receiver.Report(value);
        }
    }
}
