namespace Sextant.Training.Tuning;

/// <summary>
/// The schedule of successive halving with a factor of 3: all trials start on a ninth (or less) of the fitting rows,
/// the best third moves on to three times as many rows, until the last rung scores its survivors on every row.
/// </summary>
internal static class SuccessiveHalving
{
    /// <summary>The factor between rungs: the share of trials kept, and the growth of the rows they fit on.</summary>
    public const int Factor = 3;

    /// <summary>
    /// The share of the fitting rows at each rung for <paramref name="trials"/> trials: as many rungs as it takes to
    /// cut the trials down to <see cref="Factor"/> or fewer, the last at 1.
    /// </summary>
    public static double[] Budgets(int trials)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        var rungs = 1;
        for (long reach = Factor; reach < trials; reach *= Factor)
        {
            rungs++;
        }

        return [.. Enumerable.Range(0, rungs).Select(r => Math.Pow(Factor, r - (rungs - 1)))];
    }

    /// <summary>How many of <paramref name="trials"/> trials move on to the next rung: a third, rounded up.</summary>
    public static int Survivors(int trials) => (trials + Factor - 1) / Factor;
}
