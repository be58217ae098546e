using Sextant.Data;

namespace Sextant.Training;

/// <summary>Splits row indices into training and held-out rows: seeded random, or time-ordered (latest rows held out).</summary>
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
}
