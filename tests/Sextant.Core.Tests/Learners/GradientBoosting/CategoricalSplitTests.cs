using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sextant.Core.Tests.Explain;
using Sextant.Explain;
using Sextant.Learners.GradientBoosting;
using Xunit.Abstractions;

namespace Sextant.Core.Tests.Learners.GradientBoosting;

public sealed class CategoricalSplitTests(ITestOutputHelper output)
{
    private const int Columns = 3;

    [Fact]
    public void Fit_HighCardinalityCategory_NativeSplitsBeatOrdinalCodesWithFewerTreesAndLeaves()
    {
        // 30 categories, a random half of them add 1 to the target: ordinal thresholds need many cuts to isolate them,
        // a set split needs one.
        (double[] x, double[] y) = Data(4000, categories: 30, missing: 0.05, seed: 1);
        (double[] testX, double[] testY) = Data(2000, categories: 30, missing: 0.05, seed: 2);
        var small = new GradientBoostingOptions { Rounds = 20, MaxLeaves = 4, LearningRate = 0.3, EarlyStopping = null };
        var large = small with { Rounds = 60, MaxLeaves = 15 };

        var watch = Stopwatch.StartNew();
        GradientBoostingModel native = GradientBoostingTrainer.Fit(x, 4000, Columns, y, small with { CategoricalFeatures = [0, 2] });
        TimeSpan nativeTime = watch.Elapsed;
        watch.Restart();
        GradientBoostingModel ordinal = GradientBoostingTrainer.Fit(x, 4000, Columns, y, small);
        TimeSpan ordinalTime = watch.Elapsed;
        GradientBoostingModel ordinalLarge = GradientBoostingTrainer.Fit(x, 4000, Columns, y, large);

        double nativeRmse = Rmse(native, testX, testY);
        double ordinalRmse = Rmse(ordinal, testX, testY);
        double ordinalLargeRmse = Rmse(ordinalLarge, testX, testY);
        output.WriteLine(
            $"native 20x4: RMSE {nativeRmse:F4} ({nativeTime.TotalMilliseconds:F0} ms); ordinal 20x4: RMSE {ordinalRmse:F4} ({ordinalTime.TotalMilliseconds:F0} ms); ordinal 60x15: RMSE {ordinalLargeRmse:F4}");

        // The noise alone leaves an RMSE of 0.1; ordinal codes need three times the trees and leaves to come near it.
        Assert.True(nativeRmse < 0.12, $"native RMSE {nativeRmse:F4}");
        Assert.True(nativeRmse < 0.5 * ordinalRmse, $"native RMSE {nativeRmse:F4} vs ordinal {ordinalRmse:F4} with the same trees");
        Assert.True(nativeRmse < ordinalLargeRmse, $"native RMSE {nativeRmse:F4} vs ordinal {ordinalLargeRmse:F4} with 3x the trees and leaves");
        Assert.NotNull(native.NodeCategorySets);
        Assert.Null(ordinal.NodeCategorySets);
    }

    [Fact]
    public void Fit_Categorical_IsIdenticalForOneAndTwoThreads()
    {
        (double[] x, double[] y) = Data(3000, categories: 300, missing: 0.1, seed: 3);
        var options = new GradientBoostingOptions { Rounds = 30, CategoricalFeatures = [0, 2], RowSubsample = 0.8, FeatureSubsample = 0.7 };

        byte[] one = JsonSerializer.SerializeToUtf8Bytes(GradientBoostingTrainer.Fit(x, 3000, Columns, y, options with { MaxDegreeOfParallelism = 1 }));
        byte[] two = JsonSerializer.SerializeToUtf8Bytes(GradientBoostingTrainer.Fit(x, 3000, Columns, y, options with { MaxDegreeOfParallelism = 2 }));

        Assert.Equal(one, two);
    }

    [Fact]
    public void Model_WithCategoricalSplits_JsonRoundTripGivesBitIdenticalPredictions()
    {
        (double[] x, double[] y) = Data(2000, categories: 300, missing: 0.1, seed: 4);
        GradientBoostingModel model = GradientBoostingTrainer.Fit(
            x, 2000, Columns, y, new GradientBoostingOptions { Rounds = 20, CategoricalFeatures = [0, 2], EarlyStopping = null });

        string json = JsonSerializer.Serialize(model);
        GradientBoostingModel loaded = JsonSerializer.Deserialize<GradientBoostingModel>(json)!;

        Assert.Equal(json, JsonSerializer.Serialize(loaded));
        var expected = new double[2000];
        var actual = new double[2000];
        model.PredictBatch(x, 2000, expected);
        loaded.PredictBatch(x, 2000, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Model_SavedBeforeCategoricalSplits_StillLoads()
    {
        (double[] x, double[] y) = Data(1000, categories: 30, missing: 0, seed: 5);
        GradientBoostingModel model = GradientBoostingTrainer.Fit(x, 1000, Columns, y, new GradientBoostingOptions { Rounds = 5, EarlyStopping = null });
        JsonObject json = JsonSerializer.SerializeToNode(model)!.AsObject();
        json.Remove(nameof(GradientBoostingModel.NodeCategorySets));
        json.Remove(nameof(GradientBoostingModel.CategorySets));

        GradientBoostingModel loaded = json.Deserialize<GradientBoostingModel>()!;

        Assert.Null(loaded.NodeCategorySets);
        Assert.Equal(model.Predict(x.AsSpan(0, Columns)), loaded.Predict(x.AsSpan(0, Columns)));
    }

    [Fact]
    public void Predict_UnseenOrInvalidCodes_FollowTheMissingValueDirection()
    {
        // Code 7 never occurs in training; 30 and above are out of range.
        (double[] x, double[] y) = Data(3000, categories: 30, missing: 0.1, seed: 6);
        for (int r = 0; r < 3000; r++)
        {
            if (x[r * Columns] == 7)
            {
                x[r * Columns] = 8;
            }
        }

        GradientBoostingModel model = GradientBoostingTrainer.Fit(
            x, 3000, Columns, y, new GradientBoostingOptions { Rounds = 20, CategoricalFeatures = [0, 2], EarlyStopping = null });

        double missing = model.Predict([double.NaN, 0.5, 1]);
        foreach (double code in new[] { 7, 30, 1000, 70_000, -1, 2.5 })
        {
            Assert.Equal(missing, model.Predict([code, 0.5, 1]));
        }

        // A seen code does not: the category matters, so the two halves predict about 1 apart.
        Assert.NotEqual(missing, model.Predict([3, 0.5, 1]));
    }

    [Fact]
    public void Fit_MoreCodesThanBins_SharesTheLastBinAndPredictsTheSameAsTraining()
    {
        // MaxBins 16: codes 15..29 share the 'other' bin, so they must be routed together.
        (double[] x, double[] y) = Data(3000, categories: 30, missing: 0.05, seed: 7);
        GradientBoostingModel model = GradientBoostingTrainer.Fit(
            x, 3000, Columns, y, new GradientBoostingOptions { Rounds = 10, MaxBins = 16, CategoricalFeatures = [0], EarlyStopping = null });

        double fifteen = model.Predict([15, 0.5, 1]);
        for (int code = 16; code < 30; code++)
        {
            Assert.Equal(fifteen, model.Predict([code, 0.5, 1]));
        }
    }

    [Fact]
    public void Fit_CategoricalColumnWithANonCode_ThrowsNamingRowAndColumn()
    {
        (double[] x, double[] y) = Data(100, categories: 5, missing: 0, seed: 8);
        x[(42 * Columns) + 0] = 1.5;

        var error = Assert.Throws<ArgumentException>(() =>
            GradientBoostingTrainer.Fit(x, 100, Columns, y, new GradientBoostingOptions { Rounds = 2, CategoricalFeatures = [0] }));

        Assert.Contains("row 42, column 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_ModelWithCategoricalSplits_EqualsBruteForceShapleyValues()
    {
        (double[] x, double[] y) = Data(1500, categories: 30, missing: 0.1, seed: 9);
        GradientBoostingModel model = GradientBoostingTrainer.Fit(
            x, 1500, Columns, y, new GradientBoostingOptions { Rounds = 6, MaxLeaves = 6, CategoricalFeatures = [0, 2], RowSubsample = 0.7, EarlyStopping = null });
        Assert.NotNull(model.NodeCategorySets);

        var contributions = new double[Columns];
        double[][] rows = [.. Enumerable.Range(0, 20).Select(r => x.AsSpan(r * Columns, Columns).ToArray()), [7.5, 0.3, 99], [double.NaN, 0.9, double.NaN]];
        foreach (double[] row in rows)
        {
            double baseValue = TreeShap.Explain(model, row, contributions);
            (double[] expected, double emptyValue) = BruteForceShapley.Compute(RandomTrees.ArraysOf(model), Columns, 1, row);
            Assert.Equal(model.BaseScore + emptyValue, baseValue, 1e-9);
            for (int j = 0; j < Columns; j++)
            {
                Assert.True(Math.Abs(expected[j] - contributions[j]) <= 1e-9, $"Feature {j}: TreeSHAP {contributions[j]}, brute force {expected[j]}.");
            }

            Assert.Equal(model.PredictRaw(row), baseValue + contributions.Sum(), 1e-9);
        }
    }

    [Fact]
    public void Model_HandBuiltCategoricalNode_RoutesBySetAndRejectsOverlappingSets()
    {
        // Root on column 0: codes {1, 70} left (value 1), {0, 2} right (value 2), anything else by the default (left).
        ulong[] sets = [0, 2, (1UL << 1) | 0, 1UL << (70 - 64), (1UL << 0) | (1UL << 2), 0];
        GradientBoostingModel Build(IReadOnlyList<ulong> words) => new(
            GradientBoostingModel.CurrentFormatVersion,
            GradientBoostingLoss.SquaredError,
            featureCount: 1,
            baseScore: 0,
            treeOffsets: [0],
            nodeFeatures: [0, -1, -1],
            nodeThresholds: [0, 0, 0],
            nodeLeftChildren: [1, 0, 0],
            nodeRightChildren: [2, 0, 0],
            nodeDefaultLeft: [true, false, false],
            nodeValues: [0, 1, 2],
            featureImportances: [],
            nodeCovers: [3, 2, 1],
            nodeCategorySets: [1, 0, 0],
            categorySets: words);

        GradientBoostingModel model = Build(sets);

        Assert.Equal([1.0, 2, 1, 2, 1, 1, 1, 1, 1], new double[] { 1, 0, 70, 2, 3, 69, 128, double.NaN, 0.5 }.Select(code => model.Predict([code])));
        ulong[] overlapping = [.. sets];
        overlapping[4] |= 1UL << 1;
        Assert.Throws<ArgumentException>(() => Build(overlapping));
        Assert.Throws<ArgumentException>(() => Build(sets[..4]));
    }

    /// <summary>
    /// Column 0: a category code 0..categories-1 (a fixed random half adds 1; missing rows add 0.5); column 1: uniform,
    /// adds 0.5 x; column 2: a 3-level code, level 2 adds 0.3. Noise 0.1.
    /// </summary>
    [Fact]
    public void Fit_RareNoiseCategories_GuardsKeepTheModelFromFittingThem()
    {
        // Column 0: 400 categories of pure noise, about 5 rows each; column 1: the signal. Unguarded ordered splits
        // (every category its own split point, no extra penalty) isolate lucky categories and do worse on new rows.
        (double[] x, double[] y) = NoiseCategories(2000, seed: 7);
        (double[] testX, double[] testY) = NoiseCategories(4000, seed: 8);
        var guarded = new GradientBoostingOptions { Rounds = 100, EarlyStopping = null, CategoricalFeatures = [0] };
        var unguarded = guarded with { MinDataPerGroup = 1, MaxCatThreshold = 1000, CatL2 = 0, CatSmooth = 0 };

        double guardedRmse = Rmse(GradientBoostingTrainer.Fit(x, 2000, 2, y, guarded), testX, testY);
        double unguardedRmse = Rmse(GradientBoostingTrainer.Fit(x, 2000, 2, y, unguarded), testX, testY);
        output.WriteLine($"test RMSE guarded {guardedRmse:F4}, unguarded {unguardedRmse:F4} (noise alone 0.3)");

        Assert.True(guardedRmse < 0.95 * unguardedRmse, $"guarded {guardedRmse:F4} vs unguarded {unguardedRmse:F4}");
    }

    [Fact]
    public void Fit_OrderedCategoricalSplits_RespectMaxCatThresholdAndMinDataPerGroup()
    {
        // 40 categories (no missing values): with at most 3 categories on the scanned side and groups of 150 rows,
        // every categorical split sends at most 3 categories left and leaves at least 150 rows on each side. (One-vs-rest
        // splits of leaves with few categories are off, as the guards are for ordered splits.)
        (double[] x, double[] y) = Data(6000, categories: 40, missing: 0, seed: 9);
        var options = new GradientBoostingOptions
        {
            Rounds = 30, EarlyStopping = null, CategoricalFeatures = [0, 2], MaxCatThreshold = 3, MinDataPerGroup = 150, MaxCatToOneHot = 1,
        };

        GradientBoostingModel model = GradientBoostingTrainer.Fit(x, 6000, Columns, y, options);

        IReadOnlyList<int> sets = model.NodeCategorySets!;
        IReadOnlyList<ulong> words = model.CategorySets!;
        int checkedSplits = 0;
        for (int i = 0; i < sets.Count; i++)
        {
            if (sets[i] == 0 || model.NodeFeatures[i] != 0)
            {
                continue;
            }

            int offset = sets[i];
            int count = (int)words[offset];
            int left = Enumerable.Range(offset + 1, count).Sum(w => System.Numerics.BitOperations.PopCount(words[w]));
            Assert.InRange(left, 1, 3);
            Assert.True(model.NodeCovers![model.NodeLeftChildren[i]] >= 150, $"node {i}: left cover {model.NodeCovers[model.NodeLeftChildren[i]]}");
            Assert.True(model.NodeCovers[model.NodeRightChildren[i]] >= 150, $"node {i}: right cover {model.NodeCovers[model.NodeRightChildren[i]]}");
            checkedSplits++;
        }

        Assert.True(checkedSplits > 5, $"only {checkedSplits} categorical splits on the 40-category column");
    }

    [Fact]
    public void Fit_HugeCatL2_LeavesOnlyOneVsRestCategoricalSplits()
    {
        // CatL2 penalises ordered splits only: with it enormous, the 30-category column is never split by an ordered
        // set, while the 3-level column (one-vs-rest, at most MaxCatToOneHot levels) still is.
        (double[] x, double[] y) = Data(4000, categories: 30, missing: 0, seed: 10);
        var options = new GradientBoostingOptions { Rounds = 30, EarlyStopping = null, CategoricalFeatures = [0, 2], CatL2 = 1e15 };

        GradientBoostingModel model = GradientBoostingTrainer.Fit(x, 4000, Columns, y, options);

        Assert.DoesNotContain(0, model.NodeFeatures);
        Assert.Contains(2, model.NodeFeatures);
    }

    private static (double[] X, double[] Y) NoiseCategories(int rows, int seed)
    {
        var random = new Random(seed);
        var x = new double[rows * 2];
        var y = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            double u = random.NextDouble();
            x[r * 2] = random.Next(400);
            x[(r * 2) + 1] = u;
            y[r] = Math.Sin(6 * u) + (0.3 * SyntheticData.Gaussian(random));
        }

        return (x, y);
    }

    private static (double[] X, double[] Y) Data(int rows, int categories, double missing, int seed)
    {
        var effects = new Random(1000 + categories);
        bool[] good = [.. Enumerable.Range(0, categories).Select(_ => effects.NextDouble() < 0.5)];
        var random = new Random(seed);
        var x = new double[rows * Columns];
        var y = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            int code = random.Next(categories);
            double u = random.NextDouble();
            int level = random.Next(3);
            bool isMissing = random.NextDouble() < missing;
            x[r * Columns] = isMissing ? double.NaN : code;
            x[(r * Columns) + 1] = u;
            x[(r * Columns) + 2] = level;
            y[r] = (isMissing ? 0.5 : good[code] ? 1 : 0) + (0.5 * u) + (level == 2 ? 0.3 : 0) + (0.1 * SyntheticData.Gaussian(random));
        }

        return (x, y);
    }

    private static double Rmse(GradientBoostingModel model, double[] x, double[] y)
    {
        var predicted = new double[y.Length];
        model.PredictBatch(x, y.Length, predicted);
        return SyntheticData.Rmse(y, predicted);
    }
}
