using System.Numerics.Tensors;

namespace Sextant.Reports.Eda;

/// <summary>Pairwise measures: Pearson and Spearman on pairwise complete rows (as pandas), Cramer's V without continuity correction (as scipy.stats.contingency.association), the correlation ratio.</summary>
internal static class Associations
{
    public static double? Pearson(NumericSummary a, NumericSummary b, ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (a.Complete && b.Complete)
        {
            return Defined(a.Profile, b.Profile) ? Math.Clamp(TensorPrimitives.Dot<double>(a.Normalised!, b.Normalised!), -1, 1) : null;
        }

        return MaskedPearson(x, y);
    }

    /// <summary>
    /// Spearman on the rows where both are present. With missing values each column is re-ranked on those rows (as
    /// pandas does) by walking its sorted order and skipping rows the other lacks: no sort per pair.
    /// </summary>
    public static double? Spearman(NumericSummary a, NumericSummary b, ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (a.Complete && b.Complete)
        {
            return Defined(a.Profile, b.Profile) ? Math.Clamp(TensorPrimitives.Dot<double>(a.NormalisedRanks!, b.NormalisedRanks!), -1, 1) : null;
        }

        if (a.Sorted is null || b.Sorted is null)
        {
            return null;
        }

        var pool = System.Buffers.ArrayPool<double>.Shared;
        var ra = pool.Rent(x.Length);
        var rb = pool.Rent(x.Length);
        try
        {
            var ranksA = ra.AsSpan(0, x.Length);
            var ranksB = rb.AsSpan(0, x.Length);
            ranksA.Fill(double.NaN);
            ranksB.Fill(double.NaN);
            RanksWhere(a, y, ranksA);
            RanksWhere(b, x, ranksB);
            return MaskedPearson(ranksA, ranksB);
        }
        finally
        {
            pool.Return(ra);
            pool.Return(rb);
        }
    }

    /// <summary>Average ranks of the summarised column over the rows where <paramref name="other"/> is present too; NaN elsewhere.</summary>
    private static void RanksWhere(NumericSummary summary, ReadOnlySpan<double> other, Span<double> ranks)
    {
        var sorted = summary.Sorted!;
        var rows = summary.SortedRows!;
        var position = 0;
        for (var i = 0; i < sorted.Length;)
        {
            var j = i;
            var kept = 0;
            while (j < sorted.Length && sorted[j] == sorted[i])
            {
                if (!double.IsNaN(other[rows[j]]))
                {
                    kept++;
                }

                j++;
            }

            var rank = position + ((kept + 1) / 2.0);
            for (var k = i; k < j; k++)
            {
                if (!double.IsNaN(other[rows[k]]))
                {
                    ranks[rows[k]] = rank;
                }
            }

            position += kept;
            i = j;
        }
    }

    /// <summary>Pearson over rows where both are present, two passes, no copies.</summary>
    private static double? MaskedPearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double n = 0, sx = 0, sy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsNaN(x[i]) && !double.IsNaN(y[i]))
            {
                n++;
                sx += x[i];
                sy += y[i];
            }
        }

        if (n < 2)
        {
            return null;
        }

        double mx = sx / n, my = sy / n, sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsNaN(x[i]) && !double.IsNaN(y[i]))
            {
                var dx = x[i] - mx;
                var dy = y[i] - my;
                sxy += dx * dy;
                sxx += dx * dx;
                syy += dy * dy;
            }
        }

        return sxx <= 0 || syy <= 0 ? null : Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }

    public static double? CramersV(CategoricalSummary a, CategoricalSummary b)
    {
        int ra = a.Levels.Length, rb = b.Levels.Length;
        var table = new long[ra * rb];
        var rowTotals = new long[ra];
        var columnTotals = new long[rb];
        long n = 0;
        for (var i = 0; i < a.Codes.Length; i++)
        {
            int ca = a.Codes[i], cb = b.Codes[i];
            if (ca >= 0 && cb >= 0)
            {
                table[(ca * rb) + cb]++;
                rowTotals[ca]++;
                columnTotals[cb]++;
                n++;
            }
        }

        var rows = rowTotals.Count(t => t > 0);
        var columns = columnTotals.Count(t => t > 0);
        if (n == 0 || rows < 2 || columns < 2)
        {
            return null;
        }

        double chi2 = 0;
        for (var r = 0; r < ra; r++)
        {
            for (var c = 0; c < rb; c++)
            {
                if (rowTotals[r] > 0 && columnTotals[c] > 0)
                {
                    var expected = rowTotals[r] * (double)columnTotals[c] / n;
                    var d = table[(r * rb) + c] - expected;
                    chi2 += d * d / expected;
                }
            }
        }

        return Math.Sqrt(chi2 / (n * (double)(Math.Min(rows, columns) - 1)));
    }

    /// <summary>eta = sqrt(between-group sum of squares / total sum of squares) over rows where both are present.</summary>
    public static double? CorrelationRatio(CategoricalSummary groups, ReadOnlySpan<double> y)
    {
        var sums = new double[groups.Levels.Length];
        var counts = new long[groups.Levels.Length];
        double total = 0;
        long n = 0;
        for (var i = 0; i < y.Length; i++)
        {
            var g = groups.Codes[i];
            if (g >= 0 && !double.IsNaN(y[i]))
            {
                sums[g] += y[i];
                counts[g]++;
                total += y[i];
                n++;
            }
        }

        if (n < 2)
        {
            return null;
        }

        var mean = total / n;
        double ssTotal = 0;
        for (var i = 0; i < y.Length; i++)
        {
            if (groups.Codes[i] >= 0 && !double.IsNaN(y[i]))
            {
                var d = y[i] - mean;
                ssTotal += d * d;
            }
        }

        double ssBetween = 0;
        for (var g = 0; g < sums.Length; g++)
        {
            if (counts[g] > 0)
            {
                var d = (sums[g] / counts[g]) - mean;
                ssBetween += counts[g] * d * d;
            }
        }

        return ssTotal <= 0 ? null : Math.Sqrt(Math.Min(1, ssBetween / ssTotal));
    }

    private static bool Defined(ColumnProfile a, ColumnProfile b) => a.Distinct > 1 && b.Distinct > 1;

    /// <summary>Average ranks (ties share the mean of their positions), 1-based, as scipy.stats.rankdata.</summary>
    internal static double[] Ranks(double[] values)
    {
        var order = new int[values.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = (double[])values.Clone();
        Array.Sort(keys, order);
        var ranks = new double[values.Length];
        for (var i = 0; i < keys.Length;)
        {
            var j = i + 1;
            while (j < keys.Length && keys[j] == keys[i])
            {
                j++;
            }

            var rank = ((i + 1) + j) / 2.0;
            for (var k = i; k < j; k++)
            {
                ranks[order[k]] = rank;
            }

            i = j;
        }

        return ranks;
    }
}
