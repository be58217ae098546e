using System.Globalization;

namespace Sextant.Reports.Eda;

/// <summary>
/// One numeric column in one sort: the sorted present values with their rows give quantiles, distinct and top values,
/// the histogram and average ranks (for Spearman); moments by two passes.
/// </summary>
internal sealed class NumericSummary
{
    private NumericSummary(ColumnProfile profile, double[]? normalised, double[]? normalisedRanks, bool complete, double[]? sorted = null, int[]? sortedRows = null)
    {
        Profile = profile;
        Normalised = normalised;
        NormalisedRanks = normalisedRanks;
        Complete = complete;
        Sorted = sorted;
        SortedRows = sortedRows;
    }

    /// <summary>The present values in ascending order (Spearman re-ranks on a pair's complete rows from it when the other column has missing values).</summary>
    public double[]? Sorted { get; }

    /// <summary>The row of each value in <see cref="Sorted"/>.</summary>
    public int[]? SortedRows { get; }

    public ColumnProfile Profile { get; }

    /// <summary>(x - mean) / sqrt(sum of squares), so Pearson r is a dot product; only when no row is missing.</summary>
    public double[]? Normalised { get; }

    /// <summary>The same of the average ranks, for Spearman; only when no row is missing.</summary>
    public double[]? NormalisedRanks { get; }

    public bool Complete { get; }

    public static NumericSummary Create(string name, ReadOnlySpan<double> values, EdaOptions options, bool isTarget)
    {
        var n = 0;
        double sum = 0;
        long zeros = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                n++;
                sum += v;
                if (v == 0)
                {
                    zeros++;
                }
            }
        }

        var missing = values.Length - n;
        var baseProfile = new ColumnProfile
        {
            Name = name,
            Type = "numeric",
            IsTarget = isTarget,
            Count = n,
            Missing = missing,
            MissingShare = values.Length == 0 ? 0 : missing / (double)values.Length,
            Zeros = zeros,
        };
        if (n == 0)
        {
            return new NumericSummary(baseProfile, null, null, false);
        }

        var sorted = new double[n];
        var rows = new int[n];
        for (int i = 0, k = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                sorted[k] = values[i];
                rows[k++] = i;
            }
        }

        var mean = sum / n;
        double m2 = 0, m3 = 0;
        foreach (var v in sorted)
        {
            var d = v - mean;
            var d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
        }

        Array.Sort(sorted, rows);

        // Runs of equal values: distinct count, top values, average ranks.
        var ranks = new double[values.Length];
        var top = new PriorityQueue<(double Value, long Count), (long, double)>();
        long distinct = 0;
        for (var i = 0; i < n;)
        {
            var j = i + 1;
            while (j < n && sorted[j] == sorted[i])
            {
                j++;
            }

            var rank = ((i + 1) + j) / 2.0;
            for (var k = i; k < j; k++)
            {
                ranks[rows[k]] = rank;
            }

            distinct++;
            // Min-heap on (count, -value): the smallest count, then the largest value, leaves first.
            top.Enqueue((sorted[i], j - i), (j - i, -sorted[i]));
            if (top.Count > options.TopValues)
            {
                top.Dequeue();
            }

            i = j;
        }

        var topValues = new List<ValueCount>();
        while (top.TryDequeue(out var entry, out _))
        {
            topValues.Add(new ValueCount(entry.Value.ToString("R", CultureInfo.InvariantCulture), entry.Count, entry.Count / (double)values.Length));
        }

        topValues.Reverse();

        var q1 = Quantile(sorted, 0.25);
        var q3 = Quantile(sorted, 0.75);
        var low = q1 - (options.IqrFactor * (q3 - q1));
        var high = q3 + (options.IqrFactor * (q3 - q1));
        long below = 0, above = 0;
        for (var i = 0; i < n && sorted[i] < low; i++)
        {
            below++;
        }

        for (var i = n - 1; i >= 0 && sorted[i] > high; i--)
        {
            above++;
        }

        var variance = n > 1 ? m2 / (n - 1) : double.NaN;
        double? skew = null;
        if (n > 2 && m2 > 0)
        {
            var g1 = (m3 / n) / Math.Pow(m2 / n, 1.5);
            skew = g1 * Math.Sqrt(n * (n - 1.0)) / (n - 2.0);
        }

        var profile = baseProfile with
        {
            Distinct = distinct,
            TopValues = topValues,
            Min = sorted[0],
            Max = sorted[^1],
            Mean = mean,
            Std = double.IsNaN(variance) ? null : Math.Sqrt(variance),
            Skewness = skew,
            Quantiles = new Dictionary<string, double>
            {
                ["p5"] = Quantile(sorted, 0.05),
                ["q1"] = q1,
                ["median"] = Quantile(sorted, 0.5),
                ["q3"] = q3,
                ["p95"] = Quantile(sorted, 0.95),
            },
            Histogram = Histogram.FromSorted(sorted, (int)Math.Min(options.HistogramBins, distinct)),
            Outliers = new OutlierSummary(options.IqrFactor, low, high, below, above, (below + above) / (double)n),
        };

        if (missing > 0)
        {
            return new NumericSummary(profile, null, null, false, sorted, rows);
        }

        return new NumericSummary(profile, Normalise(values, mean), Normalise(ranks, (n + 1) / 2.0), true, sorted, rows);
    }

    /// <summary>Linear interpolation between closest ranks (numpy's default) on sorted values.</summary>
    internal static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        var pos = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((pos - lo) * (sorted[hi] - sorted[lo]));
    }

    private static double[] Normalise(ReadOnlySpan<double> values, double mean)
    {
        var result = new double[values.Length];
        double ss = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var d = values[i] - mean;
            result[i] = d;
            ss += d * d;
        }

        if (ss <= 0)
        {
            return new double[values.Length];
        }

        var scale = 1 / Math.Sqrt(ss);
        for (var i = 0; i < result.Length; i++)
        {
            result[i] *= scale;
        }

        return result;
    }
}
