using Sextant.Monitoring.Drift;

namespace Sextant.Core.Tests.Monitoring.Drift;

/// <summary>
/// Ten numeric features of different shapes (normal, wide normal, lognormal, exponential, uniform, Student t with 3
/// degrees of freedom, gamma(2), a rounded normal with ties, a bimodal mixture, a squared uniform) and three
/// categorical ones (3 categories 50/30/20, 5 categories 30/25/20/15/10, binary 70/30). The shifts: "normal" and
/// "lognormal" move by +0.5 of their standard deviation; "plan" loses 10 points of "a" (50% -> 40%), the others
/// gain in proportion (30 -> 36, 20 -> 24). Shared with bench/Sextant.Bench (linked there).
/// </summary>
internal static class DriftScenario
{
    /// <summary>Which part of the distribution a current window shifts.</summary>
    public enum Shift
    {
        None,
        TwoNumeric,
        Categorical,
    }

    public const string ShiftedCategorical = "plan";

    public static readonly string[] ShiftedNumeric = ["normal", "lognormal"];

    public static readonly string[] NumericFeatures =
        ["normal", "normal_wide", "lognormal", "exponential", "uniform", "student_t3", "gamma2", "rounded", "bimodal", "uniform_squared"];

    // Population sd of lognormal(0, 0.75): sqrt((e^0.5625 - 1) e^0.5625).
    private static readonly double s_lognormalSd = Math.Sqrt((Math.Exp(0.5625) - 1) * Math.Exp(0.5625));

    public static ReferenceProfile Profile(int referenceRows, int seed) =>
        ReferenceProfiler.Build(Columns(referenceRows, seed, Shift.None), options: new ReferenceProfileOptions { Seed = seed });

    public static IReadOnlyList<DriftColumn> Current(int rows, int seed, Shift shift) => Columns(rows, seed + 1_000_003, shift);

    public static IReadOnlyList<DriftColumn> Columns(int rows, int seed, Shift shift, bool numericOnly = false)
    {
        var columns = new DriftColumn[numericOnly ? 10 : 13];
        Parallel.For(0, columns.Length, c =>
        {
            var random = new Random(unchecked((seed * 7919) + c));
            columns[c] = c < 10
                ? DriftColumn.Numeric(NumericFeatures[c], Numeric(c, rows, random, shift == Shift.TwoNumeric))
                : DriftColumn.Categorical(
                    c == 10 ? "plan" : c == 11 ? "region" : "flag",
                    c == 10 ? Labels(rows, random, shift == Shift.Categorical ? [0.4, 0.36, 0.24] : [0.5, 0.3, 0.2], ["a", "b", "c"])
                    : c == 11 ? Labels(rows, random, [0.3, 0.25, 0.2, 0.15, 0.1], ["north", "east", "south", "west", "centre"])
                    : Labels(rows, random, [0.7, 0.3], ["yes", "no"]));
        });
        return columns;
    }

    private static double[] Numeric(int feature, int rows, Random random, bool shifted)
    {
        var values = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            values[i] = feature switch
            {
                0 => 10 + (2 * Normal(random)) + (shifted ? 0.5 * 2 : 0),
                1 => -5 + (20 * Normal(random)),
                2 => Math.Exp(0.75 * Normal(random)) + (shifted ? 0.5 * s_lognormalSd : 0),
                3 => -Math.Log(1 - random.NextDouble()),
                4 => 100 * random.NextDouble(),
                5 => Normal(random) / Math.Sqrt(ChiSquare3(random) / 3),
                6 => -Math.Log(1 - random.NextDouble()) - Math.Log(1 - random.NextDouble()),
                7 => Math.Round(30 + (5.5 * Normal(random))),
                8 => (random.NextDouble() < 0.5 ? 0 : 4) + Normal(random),
                _ => Math.Pow(random.NextDouble(), 2),
            };
        }

        return values;
    }

    private static string?[] Labels(int rows, Random random, double[] shares, string[] names)
    {
        var labels = new string?[rows];
        for (var i = 0; i < rows; i++)
        {
            var u = random.NextDouble();
            var k = 0;
            while (k < shares.Length - 1 && u >= shares[k])
            {
                u -= shares[k];
                k++;
            }

            labels[i] = names[k];
        }

        return labels;
    }

    private static double ChiSquare3(Random random)
    {
        double sum = 0;
        for (var k = 0; k < 3; k++)
        {
            var z = Normal(random);
            sum += z * z;
        }

        return sum;
    }

    private static double Normal(Random random)
    {
        // Box-Muller, one value per call: simple and exact in distribution.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
