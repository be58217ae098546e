using Sextant.Learners.GradientBoosting;
using Sextant.Learners.RandomForest;

namespace Sextant.Core.Tests.Explain;

/// <summary>Random flat tree ensembles with consistent covers, for checking explanations against brute force.</summary>
internal static class RandomTrees
{
    /// <summary>
    /// A boosting model of <paramref name="trees"/> random trees on <paramref name="features"/> features: thresholds in
    /// [0, 1], random default directions, features repeated along paths, leaves of depth 1 to <paramref name="maxDepth"/>.
    /// </summary>
    public static GradientBoostingModel Boosting(Random random, int features, int trees, int maxDepth)
    {
        var offsets = new List<int>();
        var f = new List<int>();
        var thresholds = new List<double>();
        var left = new List<int>();
        var right = new List<int>();
        var defaultLeft = new List<bool>();
        var values = new List<double>();
        var covers = new List<double>();
        for (int t = 0; t < trees; t++)
        {
            offsets.Add(f.Count);
            Grow(0);
        }

        return new GradientBoostingModel(
            GradientBoostingModel.CurrentFormatVersion,
            GradientBoostingLoss.SquaredError,
            features,
            random.NextDouble(),
            offsets,
            f,
            thresholds,
            left,
            right,
            defaultLeft,
            values,
            [],
            covers);

        // Appends a subtree in pre-order and returns its cover.
        double Grow(int depth)
        {
            int index = f.Count;
            f.Add(-1);
            thresholds.Add(0);
            left.Add(0);
            right.Add(0);
            defaultLeft.Add(false);
            values.Add(0);
            covers.Add(0);
            if (depth >= maxDepth || (depth > 0 && random.NextDouble() < 0.25))
            {
                values[index] = (random.NextDouble() * 4) - 2;
                covers[index] = random.Next(1, 30);
                return covers[index];
            }

            f[index] = random.Next(features);
            thresholds[index] = random.NextDouble();
            defaultLeft[index] = random.Next(2) == 0;
            left[index] = f.Count;
            double cover = Grow(depth + 1);
            right[index] = f.Count;
            cover += Grow(depth + 1);
            covers[index] = cover;
            return cover;
        }
    }

    /// <summary>A row of values in [0, 1], each missing (NaN) with probability <paramref name="missing"/>.</summary>
    public static double[] Row(Random random, int features, double missing)
    {
        var row = new double[features];
        for (int j = 0; j < features; j++)
        {
            row[j] = random.NextDouble() < missing ? double.NaN : random.NextDouble();
        }

        return row;
    }

    public static BruteForceShapley.Trees ArraysOf(RandomForestModel model) => new(
        model.TreeOffsets,
        model.NodeFeatures,
        model.NodeThresholds,
        model.NodeLeftChildren,
        model.NodeRightChildren,
        model.NodeDefaultLeft,
        model.NodeValues,
        model.NodeCovers);

    public static BruteForceShapley.Trees ArraysOf(GradientBoostingModel model) => new(
        model.TreeOffsets,
        model.NodeFeatures,
        model.NodeThresholds,
        model.NodeLeftChildren,
        model.NodeRightChildren,
        model.NodeDefaultLeft,
        model.NodeValues,
        model.NodeCovers!,
        model.NodeCategorySets,
        model.CategorySets);
}
