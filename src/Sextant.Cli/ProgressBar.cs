using System.Diagnostics;
using System.Globalization;

namespace Sextant.Cli;

/// <summary>A text progress bar on stderr, redrawn at most once a second (and at the end); <paramref name="format"/> writes the amounts (default: as counts).</summary>
internal sealed class ProgressBar(CliContext context, string what, Func<long, string>? format = null)
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private readonly Func<long, string> _format = format ?? (n => n.ToString(CultureInfo.InvariantCulture));
    private double _shownAt = double.NegativeInfinity;
    private long _shown = -1;

    public void Report(long done, long total)
    {
        lock (_gate)
        {
            if (_watch.Elapsed.TotalSeconds - _shownAt >= 1)
            {
                _shownAt = _watch.Elapsed.TotalSeconds;
                _shown = done;
                context.Progress(Line(done, total));
            }
        }
    }

    public void Finish(long total)
    {
        if (_shown != total)
        {
            context.Progress(Line(total, total));
        }
    }

    private string Line(long done, long total)
    {
        const int Width = 30;
        var filled = total == 0 ? Width : (int)(done * Width / total);
        var rate = done / Math.Max(_watch.Elapsed.TotalSeconds, 1e-9);
        var left = rate > 0 ? (total - done) / rate : 0;
        return string.Create(CultureInfo.InvariantCulture, $"{what} [{new string('#', filled)}{new string('.', Width - filled)}] {_format(done)}/{_format(total)}, {_watch.Elapsed.TotalSeconds:F0} s, about {left:F0} s left");
    }
}
