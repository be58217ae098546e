using System.Text.Json;
using Sextant.Core.Tests.Learners.GradientBoosting;
using Sextant.Explain;
using Sextant.Learners.GradientBoosting;
using Sextant.Learners.RandomForest;
using Sextant.Storage;

namespace Sextant.Core.Tests.Explain;

public sealed class TreeShapTests
{
    [Theory]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(5, 3)]
    public void Explain_RandomTreesWithMissingValues_EqualsBruteForceShapleyValues(int features, int seed)
    {
        // Random trees split on the same feature several times along a path (the UNWIND case) and rows are 30%
        // missing, so NaN routing and repeated features are both compared with subset enumeration.
        var random = new Random(seed);
        for (int trial = 0; trial < 20; trial++)
        {
            GradientBoostingModel model = RandomTrees.Boosting(random, features, trees: 3, maxDepth: 6);
            double[] row = RandomTrees.Row(random, features, missing: 0.3);
            var contributions = new double[features];

            double baseValue = TreeShap.Explain(model, row, contributions);

            (double[] expected, double emptyValue) = BruteForceShapley.Compute(RandomTrees.ArraysOf(model), features, 1, row);
            Assert.Equal(model.BaseScore + emptyValue, baseValue, 1e-10);
            for (int j = 0; j < features; j++)
            {
                Assert.True(Math.Abs(expected[j] - contributions[j]) <= 1e-10, $"Trial {trial}, feature {j}: TreeSHAP {contributions[j]}, brute force {expected[j]}.");
            }

            Assert.Equal(model.PredictRaw(row), baseValue + contributions.Sum(), 1e-10);
        }
    }

    [Fact]
    public void Explain_TrainedModelWithMissingValues_EqualsBruteForceShapleyValues()
    {
        // A fitted model: covers come from the grower (row subsampling on), default directions are learned from NaNs.
        const int columns = 5;
        (double[] x, double[] y) = SyntheticData.Friedman1(800, columns, noise: 0.5, seed: 21);
        var random = new Random(22);
        for (int i = 0; i < x.Length; i++)
        {
            if (random.NextDouble() < 0.2)
            {
                x[i] = double.NaN;
            }
        }

        GradientBoostingModel model = GradientBoostingTrainer.Fit(
            x, 800, columns, y, new GradientBoostingOptions { Rounds = 8, MaxLeaves = 8, MinSamplesLeaf = 5, RowSubsample = 0.7, EarlyStopping = null });

        var contributions = new double[columns];
        for (int r = 0; r < 25; r++)
        {
            double[] row = x.AsSpan(r * columns, columns).ToArray();
            double baseValue = TreeShap.Explain(model, row, contributions);
            (double[] expected, double emptyValue) = BruteForceShapley.Compute(RandomTrees.ArraysOf(model), columns, 1, row);
            Assert.Equal(model.BaseScore + emptyValue, baseValue, 1e-9);
            for (int j = 0; j < columns; j++)
            {
                Assert.True(Math.Abs(expected[j] - contributions[j]) <= 1e-9, $"Row {r}, feature {j}: TreeSHAP {contributions[j]}, brute force {expected[j]}.");
            }
        }
    }

    [Theory]
    [InlineData(GradientBoostingLoss.SquaredError)]
    [InlineData(GradientBoostingLoss.LogLoss)]
    public void Explain_CaliforniaModel_BasePlusContributionsIsTheRawScore(GradientBoostingLoss loss)
    {
        // Real data, 100 trees of 31 leaves; binary: is the house value above 2 (x 100,000)? A tenth of the values is
        // blanked so default directions take part.
        var data = CaliforniaHousing.Data;
        double[] x = (double[])data.TrainX.Clone();
        var random = new Random(3);
        for (int i = 0; i < x.Length; i++)
        {
            if (random.NextDouble() < 0.1)
            {
                x[i] = double.NaN;
            }
        }

        double[] y = loss == GradientBoostingLoss.LogLoss ? Array.ConvertAll(data.TrainY, v => v > 2 ? 1.0 : 0.0) : data.TrainY;
        GradientBoostingModel model = GradientBoostingTrainer.Fit(
            x, data.TrainRows, CaliforniaHousing.Columns, y, new GradientBoostingOptions { Loss = loss, Rounds = 100, EarlyStopping = null });

        var contributions = new double[CaliforniaHousing.Columns];
        double firstBase = double.NaN;
        for (int r = 0; r < 500; r++)
        {
            ReadOnlySpan<double> row = x.AsSpan(r * CaliforniaHousing.Columns, CaliforniaHousing.Columns);
            double baseValue = TreeShap.Explain(model, row, contributions);
            double raw = model.PredictRaw(row);
            double sum = baseValue + contributions.Sum();
            Assert.True(Math.Abs(sum - raw) <= 1e-9 * Math.Max(1, Math.Abs(raw)), $"Row {r}: base + contributions {sum}, raw score {raw}.");
            firstBase = r == 0 ? baseValue : firstBase;
            Assert.Equal(firstBase, baseValue);
        }

        // The base value is the mean raw score of the training rows (every row reaches one leaf per tree).
        var raws = new double[data.TrainRows];
        model.PredictRawBatch(x, data.TrainRows, raws);
        Assert.Equal(raws.Average(), firstBase, 1e-9);
    }

    [Theory]
    [InlineData(RandomForestTask.Regression)]
    [InlineData(RandomForestTask.Classification)]
    public void Explain_TinyForestWithMissingValues_EqualsBruteForceShapleyValuesOfTheTreeMean(RandomForestTask task)
    {
        // A fitted forest: bootstrap covers (draws counted with multiplicity), learned default directions, 2 of 5
        // features per split. The forest is the mean of its trees, so the brute force scales the trees by 1 / trees.
        const int columns = 5;
        (double[] x, double[] y) = SyntheticData.Friedman1(600, columns, noise: 0.5, seed: 24);
        var random = new Random(25);
        for (int i = 0; i < x.Length; i++)
        {
            if (random.NextDouble() < 0.2)
            {
                x[i] = double.NaN;
            }
        }

        if (task == RandomForestTask.Classification)
        {
            y = Array.ConvertAll(y, v => v > 14 ? 1.0 : 0.0);
        }

        RandomForestModel model = RandomForestTrainer.Fit(
            x, 600, columns, y, new RandomForestOptions { Task = task, Trees = 6, MaxLeaves = 12, MaxFeatures = RandomForestMaxFeatures.OfFraction(0.4) });

        var contributions = new double[columns];
        for (int r = 0; r < 25; r++)
        {
            double[] row = x.AsSpan(r * columns, columns).ToArray();
            double baseValue = TreeShap.Explain(model, row, contributions);
            (double[] expected, double emptyValue) = BruteForceShapley.Compute(RandomTrees.ArraysOf(model), columns, 1.0 / model.Trees, row);
            Assert.Equal(emptyValue, baseValue, 1e-12);
            for (int j = 0; j < columns; j++)
            {
                Assert.True(Math.Abs(expected[j] - contributions[j]) <= 1e-12, $"Row {r}, feature {j}: TreeSHAP {contributions[j]}, brute force {expected[j]}.");
            }

            Assert.Equal(model.Predict(row), baseValue + contributions.Sum(), 1e-12);
        }
    }

    [Fact]
    public void Explain_CaliforniaForest_BasePlusContributionsIsThePrediction()
    {
        // Real data, 20 fully grown trees (thousands of leaves each, depth in the twenties).
        var data = CaliforniaHousing.Data;
        RandomForestModel model = RandomForestTrainer.Fit(
            data.TrainX, data.TrainRows, CaliforniaHousing.Columns, data.TrainY, new RandomForestOptions { Trees = 20, MaxDegreeOfParallelism = 2 });
        Assert.True(model.Ensemble.MaxDepth > 15);

        var contributions = new double[CaliforniaHousing.Columns];
        double firstBase = double.NaN;
        for (int r = 0; r < 100; r++)
        {
            ReadOnlySpan<double> row = data.TestX.AsSpan(r * CaliforniaHousing.Columns, CaliforniaHousing.Columns);
            double baseValue = TreeShap.Explain(model, row, contributions);
            double prediction = model.Predict(row);
            Assert.True(Math.Abs(baseValue + contributions.Sum() - prediction) <= 1e-9, $"Row {r}: base + contributions {baseValue + contributions.Sum()}, prediction {prediction}.");
            firstBase = r == 0 ? baseValue : firstBase;
            Assert.Equal(firstBase, baseValue);
        }

        // The base value is the mean over trees of each tree's mean over its bootstrap draws: near the mean target.
        Assert.Equal(data.TrainY.Average(), firstBase, 0.02);
    }

    [Fact]
    public void Fit_Covers_CountTheRowsEachTreeGrewOn()
    {
        (double[] x, double[] y) = SyntheticData.Friedman1(1000, 5, noise: 1, seed: 23);

        GradientBoostingModel all = GradientBoostingTrainer.Fit(x, 1000, 5, y, new GradientBoostingOptions { Rounds = 5, EarlyStopping = null });
        GradientBoostingModel half = GradientBoostingTrainer.Fit(x, 1000, 5, y, new GradientBoostingOptions { Rounds = 5, EarlyStopping = null, RowSubsample = 0.5 });

        Assert.All(all.TreeOffsets, root => Assert.Equal(1000, all.NodeCovers![root]));
        Assert.All(half.TreeOffsets, root => Assert.InRange(half.NodeCovers![root], 400, 600));
        for (int i = 0; i < half.NodeFeatures.Count; i++)
        {
            if (half.NodeFeatures[i] >= 0)
            {
                Assert.Equal(half.NodeCovers![i], half.NodeCovers[half.NodeLeftChildren[i]] + half.NodeCovers[half.NodeRightChildren[i]]);
            }
        }
    }

    [Fact]
    public void Model_ArtifactJsonRoundTrip_KeepsCoversAndExplanations()
    {
        GradientBoostingModel model = RandomTrees.Boosting(new Random(5), 4, trees: 5, maxDepth: 4);
        string json = JsonSerializer.Serialize(model, SextantJson.Options);
        GradientBoostingModel loaded = JsonSerializer.Deserialize<GradientBoostingModel>(json, SextantJson.Options)!;

        Assert.Contains("\"node_covers\"", json, StringComparison.Ordinal);
        double[] row = [0.2, double.NaN, 0.7, 0.4];
        var before = new double[4];
        var after = new double[4];
        Assert.Equal(TreeShap.Explain(model, row, before), TreeShap.Explain(loaded, row, after));
        Assert.Equal(before, after);
    }

    [Fact]
    public void Explain_ModelWithoutCovers_ThrowsClearError()
    {
        GradientBoostingModel withCovers = RandomTrees.Boosting(new Random(6), 3, trees: 2, maxDepth: 3);
        var withoutCovers = new GradientBoostingModel(
            1, withCovers.Loss, 3, withCovers.BaseScore, withCovers.TreeOffsets, withCovers.NodeFeatures, withCovers.NodeThresholds,
            withCovers.NodeLeftChildren, withCovers.NodeRightChildren, withCovers.NodeDefaultLeft, withCovers.NodeValues, []);

        string json = JsonSerializer.Serialize(withoutCovers, SextantJson.Options);
        GradientBoostingModel loaded = JsonSerializer.Deserialize<GradientBoostingModel>(json, SextantJson.Options)!;
        var ex = Assert.Throws<SextantException>(() => TreeShap.Explain(loaded, [0.1, 0.2, 0.3], new double[3]));

        Assert.DoesNotContain("node_covers", json, StringComparison.Ordinal);
        Assert.Contains("without node covers", ex.Message, StringComparison.Ordinal);
        Assert.Equal(withCovers.PredictRaw([0.1, 0.2, 0.3]), loaded.PredictRaw([0.1, 0.2, 0.3]));
    }

    [Fact]
    public void Model_InconsistentCovers_Throw()
    {
        // Root cover 5 but children 2 + 2: explanations would no longer add up, so the model is refused.
        Assert.Throws<ArgumentException>(() => new GradientBoostingModel(
            1, GradientBoostingLoss.SquaredError, 1, 0, [0], [0, -1, -1], [0.5, 0, 0], [1, 0, 0], [2, 0, 0], [true, false, false], [0, 1, 2], [], [5, 2, 2]));
        Assert.Throws<ArgumentException>(() => new GradientBoostingModel(
            1, GradientBoostingLoss.SquaredError, 1, 0, [0], [-1], [0], [0], [0], [false], [1], [], [0]));
    }

    [Fact]
    public void Explain_WithWorkspace_AllocatesNothingAfterTheFirstCall()
    {
        GradientBoostingModel model = RandomTrees.Boosting(new Random(7), 5, trees: 50, maxDepth: 8);
        double[] row = RandomTrees.Row(new Random(8), 5, missing: 0.2);
        var contributions = new double[5];
        var workspace = new TreeShapWorkspace();
        TreeShap.Explain(model, row, contributions, workspace);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            TreeShap.Explain(model, row, contributions, workspace);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Explain_WrongWidths_Throw()
    {
        GradientBoostingModel model = RandomTrees.Boosting(new Random(9), 3, trees: 1, maxDepth: 2);
        Assert.Throws<ArgumentException>(() => TreeShap.Explain(model, new double[2], new double[3]));
        Assert.Throws<ArgumentException>(() => TreeShap.Explain(model, new double[3], new double[4]));
    }
}
