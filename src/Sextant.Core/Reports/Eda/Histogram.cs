namespace Sextant.Reports.Eda;

/// <summary>Equal-width bins between min and max as numpy.histogram: [e_i, e_i+1), the last bin closed.</summary>
public sealed record Histogram(double[] Edges, long[] Counts)
{
    /// <summary>
    /// Counts <paramref name="sorted"/> (ascending, finite, at least one value) into <paramref name="bins"/> equal-width
    /// bins; a constant range is widened to [v - 0.5, v + 0.5] as numpy does.
    /// </summary>
    public static Histogram FromSorted(ReadOnlySpan<double> sorted, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Length);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        double min = sorted[0], max = sorted[^1];
        if (max == min)
        {
            // numpy widens a constant range to [v - 0.5, v + 0.5].
            min -= 0.5;
            max += 0.5;
        }

        var edges = new double[bins + 1];
        for (var i = 0; i <= bins; i++)
        {
            edges[i] = min + ((max - min) * i / bins);
        }

        var counts = new long[bins];
        var width = (max - min) / bins;
        foreach (var v in sorted)
        {
            var b = (int)((v - min) / width);
            b = Math.Clamp(b, 0, bins - 1);
            // Guard against rounding at an edge: numpy compares with the edges themselves.
            if (b > 0 && v < edges[b])
            {
                b--;
            }
            else if (b < bins - 1 && v >= edges[b + 1])
            {
                b++;
            }

            counts[b]++;
        }

        return new Histogram(edges, counts);
    }
}
