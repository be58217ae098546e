namespace Sextant.Core.Tests.Explain;

/// <summary>
/// Exact Shapley values by enumerating every feature subset, with the value of a subset S being the path-dependent
/// conditional expectation TreeSHAP defines: walk each tree, follow the row at splits on features in S (NaN takes the
/// default direction), and average both children by cover at splits on the others. Exponential; for 3-5 features.
/// </summary>
internal static class BruteForceShapley
{
    /// <summary>The flat arrays of a tree model, as its public properties expose them.</summary>
    public sealed record Trees(
        IReadOnlyList<int> Offsets,
        IReadOnlyList<int> Features,
        IReadOnlyList<double> Thresholds,
        IReadOnlyList<int> Left,
        IReadOnlyList<int> Right,
        IReadOnlyList<bool> DefaultLeft,
        IReadOnlyList<double> Values,
        IReadOnlyList<double> Covers,
        IReadOnlyList<int>? CategorySets = null,
        IReadOnlyList<ulong>? CategoryWords = null);

    /// <summary>Shapley values of <c>scale * sum of the trees</c>, and the value of the empty subset.</summary>
    public static (double[] Contributions, double BaseValue) Compute(Trees trees, int featureCount, double scale, double[] row)
    {
        int subsets = 1 << featureCount;
        var value = new double[subsets];
        for (int mask = 0; mask < subsets; mask++)
        {
            double sum = 0;
            foreach (int root in trees.Offsets)
            {
                sum += Expectation(trees, root, row, mask);
            }

            value[mask] = scale * sum;
        }

        var phi = new double[featureCount];
        for (int i = 0; i < featureCount; i++)
        {
            for (int mask = 0; mask < subsets; mask++)
            {
                if ((mask & (1 << i)) != 0)
                {
                    continue;
                }

                int size = System.Numerics.BitOperations.PopCount((uint)mask);
                double weight = Factorial(size) * Factorial(featureCount - size - 1) / Factorial(featureCount);
                phi[i] += weight * (value[mask | (1 << i)] - value[mask]);
            }
        }

        return (phi, value[0]);
    }

    private static double Expectation(Trees t, int node, double[] row, int known)
    {
        int feature = t.Features[node];
        if (feature < 0)
        {
            return t.Values[node];
        }

        int left = t.Left[node];
        int right = t.Right[node];
        if ((known & (1 << feature)) != 0)
        {
            double x = row[feature];
            int set = t.CategorySets?[node] ?? 0;
            bool goLeft = set != 0 ? CategoryGoesLeft(t.CategoryWords!, set, x, t.DefaultLeft[node])
                : double.IsNaN(x) ? t.DefaultLeft[node] : x <= t.Thresholds[node];
            return Expectation(t, goLeft ? left : right, row, known);
        }

        return ((t.Covers[left] * Expectation(t, left, row, known)) + (t.Covers[right] * Expectation(t, right, row, known))) / t.Covers[node];
    }

    /// <summary>A categorical split, decoded from the model's documented layout: left set, right set, else the default.</summary>
    private static bool CategoryGoesLeft(IReadOnlyList<ulong> words, int offset, double x, bool defaultLeft)
    {
        int n = (int)words[offset];
        if (double.IsNaN(x) || x < 0 || x >= n * 64 || x != Math.Floor(x))
        {
            return defaultLeft;
        }

        int code = (int)x;
        ulong bit = 1UL << (code % 64);
        if ((words[offset + 1 + (code / 64)] & bit) != 0)
        {
            return true;
        }

        return (words[offset + 1 + n + (code / 64)] & bit) == 0 && defaultLeft;
    }

    private static double Factorial(int n)
    {
        double f = 1;
        for (int k = 2; k <= n; k++)
        {
            f *= k;
        }

        return f;
    }
}
