using System.Text.Json;
using Sextant.Evaluation;
using Sextant.Learners;
using Sextant.Learners.GradientBoosting;

namespace Sextant.Core.Tests.Learners.GradientBoosting;

public sealed class GradientBoostingTrainerTests
{
    private static readonly GradientBoostingOptions s_fast = new() { Rounds = 60, EarlyStopping = null };

    [Fact]
    public void Fit_Friedman1SquaredError_BeatsConstantByALot()
    {
        (double[] x, double[] y) = SyntheticData.Friedman1(3000, 10, noise: 1.0, seed: 1);
        (double[] testX, double[] testY) = SyntheticData.Friedman1(1000, 10, noise: 1.0, seed: 2);

        GradientBoostingModel model = GradientBoostingTrainer.Fit(x, 3000, 10, y, new GradientBoostingOptions());

        var predicted = new double[1000];
        model.PredictBatch(testX, 1000, predicted);
        double mean = y.Average();
        double constantRmse = SyntheticData.Rmse(testY, Enumerable.Repeat(mean, 1000).ToArray());
        double rmse = SyntheticData.Rmse(testY, predicted);

        // The noise alone leaves an RMSE of 1; the constant is near 5.
        Assert.True(rmse < 0.35 * constantRmse, $"RMSE {rmse:F3} vs constant {constantRmse:F3}.");
        Assert.True(model.Rounds > 10 && model.Rounds <= 1000);
    }

    [Fact]
    public void Fit_Friedman1_InformativeFeaturesHaveTheLargestImportances()
    {
        (double[] x, double[] y) = SyntheticData.Friedman1(2000, 10, noise: 0.5, seed: 3);

        GradientBoostingModel model = GradientBoostingTrainer.Fit(x, 2000, 10, y, s_fast);

        Assert.Equal(10, model.FeatureImportances.Count);
        double smallestInformative = model.FeatureImportances.Take(5).Min();
        double largestNoise = model.FeatureImportances.Skip(5).Max();
        Assert.True(smallestInformative > largestNoise, $"Informative {smallestInformative} vs noise {largestNoise}.");
    }

    [Fact]
    public void Fit_SameSeed_GivesIdenticalJsonBytesWhateverTheThreadCount()
    {
        // Large enough that histograms, partitions, gradients and their quantisation take the parallel paths (the root
        // holds 100,000 x 0.9 x 0.8 = 72,000 rows); the exact (double-sum) path is checked too.
        const int rows = 100_000;
        (double[] x, double[] y) = SyntheticData.Friedman1(rows, 10, noise: 1.0, seed: 4);
        AddMissing(x, 10, fraction: 0.1, seed: 5);
        var options = new GradientBoostingOptions { Rounds = 15, RowSubsample = 0.8, FeatureSubsample = 0.7, Seed = 7 };

        // Every row and feature: the root histogram is carried from round to round (squared error) and never rebuilt.
        GradientBoostingOptions carried = options with { RowSubsample = 1, FeatureSubsample = 1, EarlyStopping = new GradientBoostingEarlyStopping() };
        foreach (GradientBoostingOptions variant in new[] { options, options with { QuantisedGradients = false }, carried })
        {
            byte[] first = JsonSerializer.SerializeToUtf8Bytes(GradientBoostingTrainer.Fit(x, rows, 10, y, variant));
            byte[] second = JsonSerializer.SerializeToUtf8Bytes(GradientBoostingTrainer.Fit(x, rows, 10, y, variant));
            byte[] oneThread = JsonSerializer.SerializeToUtf8Bytes(
                GradientBoostingTrainer.Fit(x, rows, 10, y, variant with { MaxDegreeOfParallelism = 1 }));
            byte[] otherSeed = JsonSerializer.SerializeToUtf8Bytes(
                GradientBoostingTrainer.Fit(x, rows, 10, y, variant with { Seed = 8 }));

            Assert.Equal(first, second);
            Assert.Equal(first, oneThread);
            Assert.NotEqual(first, otherSeed);
        }
    }

    [Theory]
    [InlineData(6, 31)]
    [InlineData(null, 63)]
    public void PredictBatch_EqualsOneRowAtATime_WithMissingValuesAndAnyRowCount(int? maxDepth, int maxLeaves)
    {
        // The batch walks trees over groups of four rows with a fixed number of steps; one row walks node by node or
        // alone. Both must give the same bits, including NaN routing and a row count that is not a multiple of four.
        (double[] x, double[] y) = SyntheticData.Friedman1(3000, 6, noise: 1.0, seed: 33);
        AddMissing(x, 6, fraction: 0.2, seed: 34);
        GradientBoostingModel model = GradientBoostingTrainer.Fit(
            x, 3000, 6, y, s_fast with { MaxDepth = maxDepth, MaxLeaves = maxLeaves, Rounds = 40 });
        const int rows = 1003;

        var batch = new double[rows];
        model.PredictBatch(x.AsSpan(0, rows * 6), rows, batch);

        for (int i = 0; i < rows; i++)
        {
            Assert.Equal(model.Predict(x.AsSpan(i * 6, 6)), batch[i]);
            Assert.Equal(WalkSerialisedNodes(model, x.AsSpan(i * 6, 6)), batch[i]);
        }
    }

    [Fact]
    public void PredictBatch_DeepTreesWalkedByBlocksOfRows_EqualOneRowAtATime()
    {
        // Trees deeper than the fixed-step walk allows are walked node by node, tree by tree over blocks of rows:
        // 9,001 rows cross several blocks and end in a partial one.
        (double[] x, double[] y) = SyntheticData.Friedman1(4000, 6, noise: 1.0, seed: 38);
        AddMissing(x, 6, fraction: 0.2, seed: 39);
        GradientBoostingModel model = GradientBoostingTrainer.Fit(
            x, 4000, 6, y, s_fast with { MaxDepth = null, MaxLeaves = 255, MinSamplesLeaf = 1, Rounds = 10 });
        Assert.True(Depth(model) > 16, $"Depth {Depth(model)}: the trees must be too deep for the fixed-step walk.");
        (double[] testX, _) = SyntheticData.Friedman1(9001, 6, noise: 1.0, seed: 40);
        AddMissing(testX, 6, fraction: 0.2, seed: 41);

        var batch = new double[9001];
        model.PredictBatch(testX, 9001, batch);

        for (int i = 0; i < 9001; i++)
        {
            Assert.Equal(model.Predict(testX.AsSpan(i * 6, 6)), batch[i]);
            Assert.Equal(WalkSerialisedNodes(model, testX.AsSpan(i * 6, 6)), batch[i]);
        }

        static int Depth(GradientBoostingModel model)
        {
            var depths = new int[model.NodeFeatures.Count];
            int deepest = 0;
            for (int i = 0; i < depths.Length; i++)
            {
                if (model.NodeFeatures[i] >= 0)
                {
                    depths[model.NodeLeftChildren[i]] = depths[model.NodeRightChildren[i]] = depths[i] + 1;
                    deepest = Math.Max(deepest, depths[i] + 1);
                }
            }

            return deepest;
        }
    }

    /// <summary>The prediction read straight off the model's serialised node arrays, node by node.</summary>
    private static double WalkSerialisedNodes(GradientBoostingModel model, ReadOnlySpan<double> row)
    {
        double sum = 0;
        foreach (int root in model.TreeOffsets)
        {
            int i = root;
            while (model.NodeFeatures[i] >= 0)
            {
                double value = row[model.NodeFeatures[i]];
                bool left = double.IsNaN(value) ? model.NodeDefaultLeft[i] : value <= model.NodeThresholds[i];
                i = left ? model.NodeLeftChildren[i] : model.NodeRightChildren[i];
            }

            sum += model.NodeValues[i];
        }

        return model.BaseScore + sum;
    }

    [Fact]
    public void Fit_ReportsRoundsAndStopsWhenCancelled()
    {
        (double[] x, double[] y) = SyntheticData.Friedman1(2000, 5, noise: 1.0, seed: 35);
        using var cancel = new CancellationTokenSource();
        var reports = new List<FitProgress>();
        var progress = new SynchronousProgress<FitProgress>(p =>
        {
            reports.Add(p);
            cancel.Cancel();
        });

        // Every round reported (the public methods report at most once a second, the first after a second).
        Assert.Throws<OperationCanceledException>(() => GradientBoostingTrainer.Fit(
            x, 2000, 5, y, new GradientBoostingOptions { Rounds = 1000 }, default, subtractHistograms: true, progress, cancel.Token, progressInterval: TimeSpan.Zero));

        // Round 1 of at most 1000, with the early-stopping loss; cancelled before round 2 began.
        FitProgress first = Assert.Single(reports);
        Assert.Equal((1, 1000), (first.Done, first.Total));
        Assert.True(first.ValidationLoss > 0);
        Assert.Throws<OperationCanceledException>(() => GradientBoostingTrainer.Fit(
            x, 2000, 5, y, s_fast, cancellationToken: cancel.Token));
    }

    [Fact]
    public void Fit_QuantisedGradients_MatchTheExactFitClosely()
    {
        (double[] x, double[] y) = SyntheticData.Friedman1(20_000, 10, noise: 1.0, seed: 31);
        (double[] testX, double[] testY) = SyntheticData.Friedman1(5000, 10, noise: 1.0, seed: 32);
        var options = new GradientBoostingOptions { Rounds = 100, EarlyStopping = null };

        GradientBoostingModel quantised = GradientBoostingTrainer.Fit(x, 20_000, 10, y, options);
        GradientBoostingModel exact = GradientBoostingTrainer.Fit(x, 20_000, 10, y, options with { QuantisedGradients = false });

        // The rounding (a step of max|g| / 2^20 here) is far below the gaps between the first tree's best splits.
        Assert.Equal(exact.NodeFeatures.Take(3), quantised.NodeFeatures.Take(3));
        Assert.Equal(exact.NodeThresholds.Take(3), quantised.NodeThresholds.Take(3));
        var a = new double[5000];
        var b = new double[5000];
        quantised.PredictBatch(testX, 5000, a);
        exact.PredictBatch(testX, 5000, b);
        double ratio = SyntheticData.Rmse(testY, a) / SyntheticData.Rmse(testY, b);
        Assert.InRange(ratio, 0.99, 1.01);
    }

    [Fact]
    public void Fit_CarriedRootHistogram_TracksTheGradientsOfEveryRound()
    {
        // Squared error on every row and feature: after the first round each root histogram is the previous one plus
        // every leaf's value times its rows per bin, not a pass over the rows. If those sums drifted from the rows'
        // gradients, later trees would split their root where a rebuilt histogram does not (the first trees' roots do
        // not tell: they would agree even if the carried sums were never updated, so every tree's root is compared).
        const int rows = 30_000;
        (double[] x, double[] y) = SyntheticData.Friedman1(rows, 10, noise: 1.0, seed: 35);
        (double[] testX, double[] testY) = SyntheticData.Friedman1(5000, 10, noise: 1.0, seed: 36);
        AddMissing(x, 10, fraction: 0.1, seed: 37);
        var options = new GradientBoostingOptions { Rounds = 150, MaxDepth = 6, EarlyStopping = new GradientBoostingEarlyStopping { Patience = 1000 } };

        GradientBoostingModel carried = GradientBoostingTrainer.Fit(x, rows, 10, y, options);
        GradientBoostingModel rebuilt = GradientBoostingTrainer.Fit(x, rows, 10, y, options, default, subtractHistograms: true, carryRootHistogram: false);

        // Early stopping holds rows out (the carried sums cover the training rows only); all 150 rounds run either way.
        int trees = Math.Min(carried.Rounds, rebuilt.Rounds);
        var roots = new HashSet<(int, double)>();
        int same = 0;
        for (int t = 0; t < trees; t++)
        {
            int a = carried.TreeOffsets[t];
            int b = rebuilt.TreeOffsets[t];
            roots.Add((rebuilt.NodeFeatures[b], rebuilt.NodeThresholds[b]));
            same += carried.NodeFeatures[a] == rebuilt.NodeFeatures[b] && carried.NodeThresholds[a] == rebuilt.NodeThresholds[b] ? 1 : 0;
        }

        Assert.True(roots.Count > 10, $"The roots' splits change from round to round ({roots.Count} distinct), so agreeing means something.");
        Assert.True(same >= 0.95 * trees, $"{same} of {trees} roots split alike.");
        var p = new double[5000];
        var q = new double[5000];
        carried.PredictBatch(testX, 5000, p);
        rebuilt.PredictBatch(testX, 5000, q);
        Assert.InRange(SyntheticData.Rmse(testY, p) / SyntheticData.Rmse(testY, q), 0.995, 1.005);
    }

    [Theory]
    [InlineData(GradientBoostingLoss.SquaredError)]
    [InlineData(GradientBoostingLoss.AbsoluteError)]
    [InlineData(GradientBoostingLoss.Huber)]
    [InlineData(GradientBoostingLoss.Quantile)]
    [InlineData(GradientBoostingLoss.LogLoss)]
    public void Model_JsonRoundTrip_GivesBitIdenticalPredictions(GradientBoostingLoss loss)
    {
        (double[] x, double[] y) = SyntheticData.Friedman1(1500, 6, noise: 1.0, seed: 9);
        AddMissing(x, 6, fraction: 0.15, seed: 10);
        if (loss == GradientBoostingLoss.LogLoss)
        {
            y = Array.ConvertAll(y, v => v > 14 ? 1.0 : 0.0);
        }

        GradientBoostingModel model = GradientBoostingTrainer.Fit(x, 1500, 6, y, s_fast with { Loss = loss, QuantileAlpha = 0.8 });
        string json = JsonSerializer.Serialize(model);
        GradientBoostingModel? loaded = JsonSerializer.Deserialize<GradientBoostingModel>(json);

        Assert.NotNull(loaded);
        Assert.Equal(json, JsonSerializer.Serialize(loaded));
        Assert.Equal(model.Rounds, loaded.Rounds);
        Assert.Equal(loss, loaded.Loss);
        for (int i = 0; i < 1500; i++)
        {
            ReadOnlySpan<double> row = x.AsSpan(i * 6, 6);
            Assert.Equal(BitConverter.DoubleToInt64Bits(model.Predict(row)), BitConverter.DoubleToInt64Bits(loaded.Predict(row)));
        }
    }

    [Fact]
    public void Fit_MissingValuesCarrySignal_LearnsDefaultDirection()
    {
        // Missing x0 means a high target; present values give a target equal to x0 in [0, 1].
        var random = new Random(11);
        const int rows = 4000;
        var x = new double[rows * 2];
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double v = random.NextDouble();
            x[(2 * i) + 1] = random.NextDouble();
            if (random.NextDouble() < 0.3)
            {
                x[2 * i] = double.NaN;
                y[i] = 10;
            }
            else
            {
                x[2 * i] = v;
                y[i] = v;
            }
        }

        GradientBoostingModel model = GradientBoostingTrainer.Fit(x, rows, 2, y, s_fast);

        Assert.InRange(model.Predict([double.NaN, 0.5]), 9.5, 10.5);
        Assert.InRange(model.Predict([0.9, 0.5]), 0.75, 1.05);
        Assert.InRange(model.Predict([0.1, 0.5]), -0.05, 0.25);

        // The root splits missing from present, so missing values must follow a learned default, not a threshold.
        Assert.Contains(model.NodeDefaultLeft, d => d);
        Assert.Contains(model.NodeDefaultLeft.Where((_, i) => model.NodeFeatures[i] >= 0), d => !d);
    }

    [Fact]
    public void Fit_LogLoss_GivesProbabilitiesThatSeparateTheClasses()
    {
        var random = new Random(12);
        const int rows = 6000;
        var x = new double[rows * 4];
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                x[(4 * i) + j] = SyntheticData.Gaussian(random);
            }

            double logit = (2 * x[4 * i]) - (1.5 * x[(4 * i) + 1] * x[(4 * i) + 2]) + Math.Abs(x[(4 * i) + 3]) - 0.5;
            y[i] = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
        }

        const int train = 4500;
        GradientBoostingModel model = GradientBoostingTrainer.Fit(
            x.AsSpan(0, train * 4), train, 4, y.AsSpan(0, train), new GradientBoostingOptions { Loss = GradientBoostingLoss.LogLoss });

        const int test = rows - train;
        var probabilities = new double[test];
        model.PredictBatch(x.AsSpan(train * 4), test, probabilities);
        Assert.All(probabilities, p => Assert.True(p > 0 && p < 1));
        Assert.Equal(1 / (1 + Math.Exp(-model.PredictRaw(x.AsSpan(train * 4, 4)))), probabilities[0], 1e-12);

        ClassificationMetrics metrics = ClassificationMetrics.Compute(y.AsSpan(train), probabilities);
        double baseRate = y.AsSpan(0, train).ToArray().Average();
        ClassificationMetrics constant = ClassificationMetrics.Compute(y.AsSpan(train), Enumerable.Repeat(baseRate, test).ToArray());
        Assert.True(metrics.RocAuc > 0.8, $"ROC-AUC {metrics.RocAuc:F3}.");
        Assert.True(metrics.LogLoss < 0.8 * constant.LogLoss, $"Log-loss {metrics.LogLoss:F3} vs constant {constant.LogLoss:F3}.");
    }

    [Fact]
    public void Fit_Quantile09_AboutNinetyPercentOfTrainingTargetsBelowPredictions()
    {
        var random = new Random(13);
        const int rows = 5000;
        var x = new double[rows * 2];
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double a = random.NextDouble();
            double b = random.NextDouble();
            x[2 * i] = a;
            x[(2 * i) + 1] = b;
            y[i] = (5 * a) + ((1 + (2 * b)) * SyntheticData.Gaussian(random));
        }

        GradientBoostingModel model = GradientBoostingTrainer.Fit(
            x, rows, 2, y, s_fast with { Loss = GradientBoostingLoss.Quantile, QuantileAlpha = 0.9, Rounds = 100 });

        var predicted = new double[rows];
        model.PredictBatch(x, rows, predicted);
        double below = Enumerable.Range(0, rows).Count(i => y[i] <= predicted[i]) / (double)rows;
        Assert.InRange(below, 0.87, 0.93);

        // The noise grows with x1, so the 90% quantile net of the 5 x0 trend must be higher where x1 is high
        // (about 1.28 * (1 + 2 x1): 3.6 above x1 = 0.9 against 1.5 below x1 = 0.1); a mean model would not rise.
        double high = 0;
        double low = 0;
        int highCount = 0;
        int lowCount = 0;
        for (int i = 0; i < rows; i++)
        {
            double b = x[(2 * i) + 1];
            double excess = predicted[i] - (5 * x[2 * i]);
            if (b > 0.8)
            {
                high += excess;
                highCount++;
            }
            else if (b < 0.2)
            {
                low += excess;
                lowCount++;
            }
        }

        double spread = (high / highCount) - (low / lowCount);
        Assert.True(spread > 1.5, $"The 90% quantile rises by {spread:F3} from low to high x1.");

        // Fresh rows from the same distribution are covered about as often.
        int covered = 0;
        for (int i = 0; i < 5000; i++)
        {
            double a = random.NextDouble();
            double b = random.NextDouble();
            double target = (5 * a) + ((1 + (2 * b)) * SyntheticData.Gaussian(random));
            covered += target <= model.Predict([a, b]) ? 1 : 0;
        }

        Assert.InRange(covered / 5000.0, 0.85, 0.93);
    }

    [Theory]
    [InlineData(GradientBoostingLoss.AbsoluteError)]
    [InlineData(GradientBoostingLoss.Huber)]
    public void Fit_RobustLoss_IgnoresOutliersThatPullSquaredError(GradientBoostingLoss loss)
    {
        var random = new Random(14);
        const int rows = 3000;
        var x = new double[rows];
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            x[i] = random.NextDouble();
            y[i] = (2 * x[i]) + (0.1 * SyntheticData.Gaussian(random)) + (random.NextDouble() < 0.1 ? 50 : 0);
        }

        GradientBoostingModel robust = GradientBoostingTrainer.Fit(x, rows, 1, y, s_fast with { Loss = loss, Rounds = 200 });
        GradientBoostingModel squared = GradientBoostingTrainer.Fit(x, rows, 1, y, s_fast with { Rounds = 200 });

        double robustError = 0;
        double squaredError = 0;
        for (int k = 1; k < 20; k++)
        {
            double v = k / 20.0;
            robustError += Math.Abs(robust.Predict([v]) - (2 * v)) / 19;
            squaredError += Math.Abs(squared.Predict([v]) - (2 * v)) / 19;
        }

        Assert.True(robustError < 0.5, $"{loss} mean error {robustError:F3} against the clean line.");
        Assert.True(squaredError > 3, $"Squared error mean error {squaredError:F3} should be pulled up by the outliers.");
    }

    [Fact]
    public void PredictBatch_EqualsPredictForEveryRow()
    {
        (double[] x, double[] y) = SyntheticData.Friedman1(1000, 5, noise: 1.0, seed: 15);
        AddMissing(x, 5, fraction: 0.2, seed: 16);
        GradientBoostingModel model = GradientBoostingTrainer.Fit(x, 1000, 5, y, s_fast);

        var batch = new double[1000];
        model.PredictBatch(x, 1000, batch);
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(model.Predict(x.AsSpan(i * 5, 5))), BitConverter.DoubleToInt64Bits(batch[i]));
        }
    }

    [Fact]
    public void Fit_HistogramSubtraction_GivesTheSameTreesAsBuildingBothChildren()
    {
        (double[] x, double[] y) = SyntheticData.Friedman1(3000, 8, noise: 1.0, seed: 17);
        AddMissing(x, 8, fraction: 0.1, seed: 18);
        var options = s_fast with { Rounds = 30, RowSubsample = 0.9 };

        GradientBoostingModel subtracted = GradientBoostingTrainer.Fit(x, 3000, 8, y, options, default, subtractHistograms: true);
        GradientBoostingModel direct = GradientBoostingTrainer.Fit(x, 3000, 8, y, options, default, subtractHistograms: false);

        Assert.Equal(direct.NodeFeatures, subtracted.NodeFeatures);
        Assert.Equal(direct.NodeThresholds, subtracted.NodeThresholds);
        Assert.Equal(direct.NodeDefaultLeft, subtracted.NodeDefaultLeft);
        for (int i = 0; i < 3000; i++)
        {
            ReadOnlySpan<double> row = x.AsSpan(i * 8, 8);
            Assert.Equal(direct.Predict(row), subtracted.Predict(row), 1e-9);
        }
    }

    [Fact]
    public void Fit_MaxLeavesAndMaxDepth_BoundEveryTree()
    {
        (double[] x, double[] y) = SyntheticData.Friedman1(3000, 6, noise: 0.5, seed: 19);

        GradientBoostingModel byLeaves = GradientBoostingTrainer.Fit(x, 3000, 6, y, s_fast with { MaxLeaves = 7, Rounds = 10 });
        GradientBoostingModel byDepth = GradientBoostingTrainer.Fit(x, 3000, 6, y, s_fast with { MaxDepth = 2, Rounds = 10 });

        Assert.All(TreeShapes(byLeaves), s => Assert.Equal(7, s.Leaves));
        Assert.All(TreeShapes(byDepth), s => Assert.True(s.Depth <= 2 && s.Leaves == 4, $"{s.Leaves} leaves at depth {s.Depth}."));
    }

    [Fact]
    public void Fit_EarlyStopping_StopsWhenTheValidationLossStopsImproving()
    {
        var random = new Random(20);
        const int rows = 2000;
        double[] x = Enumerable.Range(0, rows * 3).Select(_ => random.NextDouble()).ToArray();
        double[] noise = Enumerable.Range(0, rows).Select(_ => SyntheticData.Gaussian(random)).ToArray();

        GradientBoostingModel stopped = GradientBoostingTrainer.Fit(
            x, rows, 3, noise, new GradientBoostingOptions { Rounds = 500, EarlyStopping = new() { Patience = 10 } });
        GradientBoostingModel full = GradientBoostingTrainer.Fit(x, rows, 3, noise, s_fast);

        Assert.True(stopped.Rounds < 50, $"Pure noise kept {stopped.Rounds} rounds.");
        Assert.Equal(s_fast.Rounds, full.Rounds);
    }

    [Fact]
    public void Fit_UniformWeightOfTwo_GivesTheUnweightedModel()
    {
        (double[] x, double[] y) = SyntheticData.Friedman1(1000, 5, noise: 1.0, seed: 21);
        // Exact sums: quantised gradients apply to unweighted fits only, so the two fits would search splits differently.
        var options = s_fast with { L2 = 0, Rounds = 20, QuantisedGradients = false };
        double[] twos = Enumerable.Repeat(2.0, 1000).ToArray();

        GradientBoostingModel unweighted = GradientBoostingTrainer.Fit(x, 1000, 5, y, options);
        GradientBoostingModel weighted = GradientBoostingTrainer.Fit(x, 1000, 5, y, options, twos);

        // Doubling every weight doubles every gradient, hessian and gain exactly, so only the gains change.
        Assert.Equal(unweighted.NodeFeatures, weighted.NodeFeatures);
        Assert.Equal(unweighted.NodeThresholds, weighted.NodeThresholds);
        Assert.Equal(unweighted.NodeValues, weighted.NodeValues);
        Assert.Equal(unweighted.BaseScore, weighted.BaseScore);
        Assert.Equal(unweighted.FeatureImportances.Select(g => 2 * g), weighted.FeatureImportances);
    }

    [Fact]
    public void Fit_ZeroWeightRows_DoNotInfluenceThePredictions()
    {
        var random = new Random(22);
        const int rows = 3000;
        var x = new double[rows];
        var y = new double[rows];
        var w = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            x[i] = random.NextDouble();
            bool ignored = random.NextDouble() < 0.3;
            y[i] = ignored ? 100 : x[i];
            w[i] = ignored ? 0 : 1;
        }

        GradientBoostingModel model = GradientBoostingTrainer.Fit(x, rows, 1, y, s_fast with { Rounds = 100 }, w);

        for (int k = 1; k < 10; k++)
        {
            Assert.InRange(model.Predict([k / 10.0]), (k / 10.0) - 0.15, (k / 10.0) + 0.15);
        }
    }

    [Fact]
    public void Predict_WrongWidth_Throws()
    {
        (double[] x, double[] y) = SyntheticData.Friedman1(200, 5, noise: 1.0, seed: 23);
        GradientBoostingModel model = GradientBoostingTrainer.Fit(x, 200, 5, y, s_fast with { Rounds = 3 });

        Assert.Equal(5, model.FeatureCount);
        Assert.Throws<ArgumentException>(() => model.Predict(new double[4]));
        Assert.Throws<ArgumentException>(() => model.PredictRaw(new double[6]));
        Assert.Throws<ArgumentException>(() => model.PredictBatch(new double[9], 2, new double[2]));
        Assert.Throws<ArgumentException>(() => model.PredictBatch(new double[10], 2, new double[1]));
    }

    public static TheoryData<string, GradientBoostingOptions> InvalidOptions() => new()
    {
        { "Rounds", new GradientBoostingOptions { Rounds = 0 } },
        { "LearningRate", new GradientBoostingOptions { LearningRate = 0 } },
        { "LearningRate", new GradientBoostingOptions { LearningRate = double.NaN } },
        { "MaxLeaves", new GradientBoostingOptions { MaxLeaves = 1 } },
        { "MaxDepth", new GradientBoostingOptions { MaxDepth = 0 } },
        { "MinSamplesLeaf", new GradientBoostingOptions { MinSamplesLeaf = 0 } },
        { "L2", new GradientBoostingOptions { L2 = -1 } },
        { "MaxBins", new GradientBoostingOptions { MaxBins = 256 } },
        { "MaxBins", new GradientBoostingOptions { MaxBins = 1 } },
        { "RowSubsample", new GradientBoostingOptions { RowSubsample = 0 } },
        { "FeatureSubsample", new GradientBoostingOptions { FeatureSubsample = 1.5 } },
        { "QuantileAlpha", new GradientBoostingOptions { Loss = GradientBoostingLoss.Quantile, QuantileAlpha = 1 } },
        { "HuberDelta", new GradientBoostingOptions { HuberDelta = 0 } },
        { "Loss", new GradientBoostingOptions { Loss = (GradientBoostingLoss)99 } },
        { "ValidationFraction", new GradientBoostingOptions { EarlyStopping = new() { ValidationFraction = 1 } } },
        { "Patience", new GradientBoostingOptions { EarlyStopping = new() { Patience = 0 } } },
        { "Tolerance", new GradientBoostingOptions { EarlyStopping = new() { Tolerance = -1 } } },
        { "MaxDegreeOfParallelism", new GradientBoostingOptions { MaxDegreeOfParallelism = 0 } },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Fit_InvalidOption_ThrowsNamingIt(string name, GradientBoostingOptions options)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => GradientBoostingTrainer.Fit(new double[40], 40, 1, new double[40], options));
        Assert.Equal(name, e.ParamName);
    }

    [Fact]
    public void Fit_BadInputs_Throw()
    {
        double[] x = Enumerable.Range(0, 50).Select(i => (double)i).ToArray();
        double[] y = Enumerable.Range(0, 50).Select(i => (double)(i % 2)).ToArray();
        var options = s_fast with { Rounds = 2 };

        Assert.Throws<ArgumentException>(() => GradientBoostingTrainer.Fit(x, 50, 2, y, options));
        Assert.Throws<ArgumentException>(() => GradientBoostingTrainer.Fit(x, 50, 1, y.AsSpan(1), options));
        Assert.Throws<ArgumentException>(() => GradientBoostingTrainer.Fit(x, 50, 1, y.Select(v => v * 2).ToArray(), options with { Loss = GradientBoostingLoss.LogLoss }));
        double[] infinite = (double[])x.Clone();
        infinite[3] = double.PositiveInfinity;
        Assert.Throws<ArgumentException>(() => GradientBoostingTrainer.Fit(infinite, 50, 1, y, options));
        double[] nanTarget = (double[])y.Clone();
        nanTarget[3] = double.NaN;
        Assert.Throws<ArgumentException>(() => GradientBoostingTrainer.Fit(x, 50, 1, nanTarget, options));
        Assert.Throws<ArgumentException>(() => GradientBoostingTrainer.Fit(x, 50, 1, y, options, new double[50]));
    }

    [Fact]
    public void Model_InconsistentArrays_Throw()
    {
        // A node whose child points back at itself would loop forever.
        Assert.Throws<ArgumentException>(() => new GradientBoostingModel(
            1, GradientBoostingLoss.SquaredError, 1, 0, [0], [0, -1], [0.5, 0], [0, 0], [1, 0], [true, false], [0, 1], []));
        Assert.Throws<ArgumentException>(() => new GradientBoostingModel(
            2, GradientBoostingLoss.SquaredError, 1, 0, [0], [-1], [0], [0], [0], [false], [1], []));
    }

    private static void AddMissing(double[] x, int columns, double fraction, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < x.Length; i++)
        {
            if (i % columns < 3 && random.NextDouble() < fraction)
            {
                x[i] = double.NaN;
            }
        }
    }

    private static List<(int Leaves, int Depth)> TreeShapes(GradientBoostingModel model)
    {
        var shapes = new List<(int, int)>();
        for (int t = 0; t < model.Rounds; t++)
        {
            int leaves = 0;
            int depth = 0;
            var stack = new Stack<(int Node, int Depth)>();
            stack.Push((model.TreeOffsets[t], 0));
            while (stack.Count > 0)
            {
                (int node, int d) = stack.Pop();
                if (model.NodeFeatures[node] < 0)
                {
                    leaves++;
                    depth = Math.Max(depth, d);
                }
                else
                {
                    stack.Push((model.NodeLeftChildren[node], d + 1));
                    stack.Push((model.NodeRightChildren[node], d + 1));
                }
            }

            shapes.Add((leaves, depth));
        }

        return shapes;
    }
}
