namespace Sextant.Evaluation;

/// <summary>Splits rows into cross-validation folds: shuffled k-fold (optionally stratified) or expanding-window time folds.</summary>
public static class CrossValidation
{
    /// <summary>
    /// Seeded k-fold: every row is validated in exactly one fold and fitted on in the others. With
    /// <paramref name="stratifyLabels"/>, each class is dealt across the folds in turn, so every fold keeps the class
    /// ratio within a row per class.
    /// </summary>
    /// <param name="rows">The number of rows, at least <paramref name="k"/>.</param>
    /// <param name="k">The number of folds, at least 2.</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <param name="stratifyLabels">The class of every row, or empty for an unstratified split.</param>
    /// <returns>The <paramref name="k"/> folds; their sizes differ by at most one row (unstratified).</returns>
    public static IReadOnlyList<Fold> KFold(int rows, int k, int seed, ReadOnlySpan<double> stratifyLabels = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, k);
        if (!stratifyLabels.IsEmpty && stratifyLabels.Length != rows)
        {
            throw new ArgumentException($"stratifyLabels has {stratifyLabels.Length} labels for {rows} rows.", nameof(stratifyLabels));
        }

        var random = new Random(seed);
        var foldOf = new int[rows];
        var groups = stratifyLabels.IsEmpty ? [Enumerable.Range(0, rows).ToArray()] : Training.DataSplit.Classes(stratifyLabels);
        // The deal continues across classes, so fold sizes stay within a row of each other overall too.
        var next = 0;
        foreach (var members in groups)
        {
            random.Shuffle(members);
            foreach (var row in members)
            {
                foldOf[row] = next;
                next = (next + 1) % k;
            }
        }

        return [.. Enumerable.Range(0, k).Select(f => new Fold(
            f,
            [.. Enumerable.Range(0, rows).Where(r => foldOf[r] != f)],
            [.. Enumerable.Range(0, rows).Where(r => foldOf[r] == f)]))];
    }

    /// <summary>
    /// Expanding-window time folds: the rows in <paramref name="order"/> (earliest first) are cut into
    /// <paramref name="k"/> + 1 blocks; fold i fits on blocks 0..i and validates on block i + 1, so a fold never
    /// validates on a row earlier than any of its fitting rows.
    /// </summary>
    /// <param name="order">Row indices from the earliest to the latest.</param>
    /// <param name="k">The number of folds, at least 2.</param>
    /// <returns>The <paramref name="k"/> folds, the latest validation block last.</returns>
    public static IReadOnlyList<Fold> TimeSeriesFolds(IReadOnlyList<int> order, int k)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(order.Count, k + 1);
        var blocks = k + 1;
        int Boundary(int b) => (int)((long)order.Count * b / blocks);
        return [.. Enumerable.Range(0, k).Select(f => new Fold(
            f,
            [.. order.Take(Boundary(f + 1))],
            [.. order.Skip(Boundary(f + 1)).Take(Boundary(f + 2) - Boundary(f + 1))]))];
    }

    /// <summary>
    /// The mean of each metric across folds under its own name, and its standard deviation (population, over the
    /// folds) as <c>name_std</c>.
    /// </summary>
    public static Dictionary<string, double> Summarize(IReadOnlyList<IReadOnlyDictionary<string, double>> folds)
    {
        ArgumentNullException.ThrowIfNull(folds);
        ArgumentOutOfRangeException.ThrowIfZero(folds.Count);
        var summary = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var name in folds[0].Keys)
        {
            var values = folds.Select(f => f[name]).ToArray();
            var mean = values.Average();
            summary[name] = mean;
            summary[name + "_std"] = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        }

        return summary;
    }
}
