using Sextant.Data;

namespace Sextant.Training;

/// <summary>Splits row indices into training and held-out rows: seeded random, stratified by class, or time-ordered (latest rows held out).</summary>
public static class DataSplit
{
    /// <summary>Seeded shuffle; the last <paramref name="testFraction"/> of the shuffled rows are the test rows.</summary>
    public static (int[] Train, int[] Test) Random(int rows, double testFraction, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 2);
        var order = Enumerable.Range(0, rows).ToArray();
        new System.Random(seed).Shuffle(order);
        var test = Math.Clamp((int)Math.Round(rows * testFraction), 1, rows - 1);
        return ([.. order[..^test].Order()], [.. order[^test..].Order()]);
    }

    /// <summary>
    /// Seeded split that keeps every class's share: each class holds out its own <paramref name="testFraction"/>,
    /// rounded so that the held-out total is that of <see cref="Random"/> and no class is off by a whole row or more.
    /// </summary>
    /// <param name="labels">The class of every row (any values; equal values are one class).</param>
    /// <param name="testFraction">The fraction of rows held out.</param>
    /// <param name="seed">The seed of the shuffle inside each class.</param>
    public static (int[] Train, int[] Test) Stratified(ReadOnlySpan<double> labels, double testFraction, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(labels.Length, 2);
        var rows = labels.Length;
        var total = Math.Clamp((int)Math.Round(rows * testFraction), 1, rows - 1);
        var classes = Classes(labels);
        var quotas = Apportion(classes.Select(c => c.Length).ToArray(), total);
        var rng = new System.Random(seed);
        var train = new List<int>(rows - total);
        var test = new List<int>(total);
        for (var c = 0; c < classes.Length; c++)
        {
            var members = classes[c];
            rng.Shuffle(members);
            test.AddRange(members[..quotas[c]]);
            train.AddRange(members[quotas[c]..]);
        }

        return ([.. train.Order()], [.. test.Order()]);
    }

    /// <summary>Orders rows by <paramref name="time"/> (stable) and holds out the latest fraction.</summary>
    public static (int[] Train, int[] Test) ByTime(Column time, double testFraction)
    {
        ArgumentNullException.ThrowIfNull(time);
        var keys = Enumerable.Range(0, time.Length).Select(i => time switch
        {
            DateColumn d => d[i]?.Ticks ?? long.MinValue,
            NumericColumn n => double.IsNaN(n[i]) ? long.MinValue : (long)n[i],
            _ => throw new SextantException($"split.time_column '{time.Name}' must be a date or numeric column."),
        }).ToArray();
        var order = Enumerable.Range(0, time.Length).OrderBy(i => keys[i]).ThenBy(i => i).ToArray();
        var test = Math.Clamp((int)Math.Round(order.Length * testFraction), 1, order.Length - 1);
        return (order[..^test], order[^test..]);
    }

    /// <summary>The row indices of each class, classes in ascending order of their value, rows ascending.</summary>
    internal static int[][] Classes(ReadOnlySpan<double> labels)
    {
        var byClass = new SortedDictionary<double, List<int>>();
        for (var i = 0; i < labels.Length; i++)
        {
            if (!byClass.TryGetValue(labels[i], out var list))
            {
                byClass[labels[i]] = list = [];
            }

            list.Add(i);
        }

        return [.. byClass.Values.Select(l => l.ToArray())];
    }

    /// <summary>
    /// Shares <paramref name="total"/> among groups in proportion to their sizes by largest remainder: each group gets
    /// the floor or the ceiling of its exact share, and the shares sum to <paramref name="total"/>.
    /// </summary>
    internal static int[] Apportion(int[] sizes, int total)
    {
        var rows = sizes.Sum();
        var exact = sizes.Select(s => (double)s * total / rows).ToArray();
        var quotas = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var left = total - quotas.Sum();
        // Ties in the remainder go to the larger group, then the earlier one, so the result does not depend on sort stability.
        foreach (var g in Enumerable.Range(0, sizes.Length).OrderByDescending(g => exact[g] - quotas[g]).ThenByDescending(g => sizes[g]).ThenBy(g => g).Take(left))
        {
            quotas[g]++;
        }

        return quotas;
    }
}
