using System.Text.Json;
using Sextant.Core.Tests.Learners.GradientBoosting;
using Sextant.Learners;
using Sextant.Learners.RandomForest;
using Sextant.Storage;

namespace Sextant.Core.Tests.Learners.RandomForest;

public sealed class RandomForestTrainerTests
{
    [Fact]
    public void Fit_ReportsTreesAndStopsWhenCancelled()
    {
        (double[] x, double[] y) = SyntheticData.Friedman1(2000, 5, noise: 1, seed: 36);
        using var cancel = new CancellationTokenSource();
        var reports = new System.Collections.Concurrent.ConcurrentQueue<FitProgress>();
        var progress = new SynchronousProgress<FitProgress>(p =>
        {
            reports.Enqueue(p);
            cancel.Cancel();
        });

        Assert.ThrowsAny<OperationCanceledException>(() => RandomForestTrainer.Fit(
            x, 2000, 5, y, new RandomForestOptions { Trees = 500 }, TreeWorker.SmallLeafRows, progress, cancel.Token, progressInterval: TimeSpan.Zero));

        // The first tree finished is reported (of 500); the trees already started finish, no new one starts.
        Assert.True(reports.TryPeek(out FitProgress first));
        Assert.Equal(500, first.Total);
        Assert.InRange(first.Done, 1, 2);
    }

    public static TheoryData<RandomForestOptions, string> InvalidOptions => new()
    {
        { new RandomForestOptions { Trees = 0 }, "Trees" },
        { new RandomForestOptions { MaxDepth = 0 }, "MaxDepth" },
        { new RandomForestOptions { MaxLeaves = 1 }, "MaxLeaves" },
        { new RandomForestOptions { MinSamplesLeaf = 0 }, "MinSamplesLeaf" },
        { new RandomForestOptions { SampleFraction = 0 }, "SampleFraction" },
        { new RandomForestOptions { SampleFraction = 1.5 }, "SampleFraction" },
        { new RandomForestOptions { SampleFraction = double.NaN }, "SampleFraction" },
        { new RandomForestOptions { MaxBins = 1 }, "MaxBins" },
        { new RandomForestOptions { MaxBins = 256 }, "MaxBins" },
        { new RandomForestOptions { MaxDegreeOfParallelism = 0 }, "MaxDegreeOfParallelism" },
        { new RandomForestOptions { Task = (RandomForestTask)7 }, "Task" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_OutOfRangeOption_ThrowsNamingIt(RandomForestOptions options, string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(name, error.ParamName);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(1.01)]
    public void MaxFeatures_FractionOutsideZeroToOne_Throws(double fraction) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomForestMaxFeatures.OfFraction(fraction));

    [Theory]
    [InlineData("sqrt", 8, 2)]
    [InlineData("SQRT", 100, 10)]
    [InlineData("0.5", 8, 4)]
    [InlineData("1", 8, 8)]
    [InlineData("0.01", 8, 1)]
    public void MaxFeatures_Parse_CountsLikeScikitLearn(string text, int features, int expected)
    {
        RandomForestMaxFeatures maxFeatures = RandomForestMaxFeatures.Parse(text);
        Assert.Equal(expected, maxFeatures.CountOf(features));
        Assert.Equal(maxFeatures, RandomForestMaxFeatures.Parse(maxFeatures.ToString()));
    }

    [Theory]
    [InlineData("log2")]
    [InlineData("0")]
    [InlineData("2")]
    public void MaxFeatures_ParseUnknown_Throws(string text) => Assert.Throws<FormatException>(() => RandomForestMaxFeatures.Parse(text));

    [Fact]
    public void Fit_ClassificationTargetNotZeroOrOne_ThrowsNamingTheRow()
    {
        double[] x = [1, 2, 3];
        double[] y = [0, 1, 0.5];
        var error = Assert.Throws<ArgumentException>(() =>
            RandomForestTrainer.Fit(x, 3, 1, y, new RandomForestOptions { Task = RandomForestTask.Classification }));
        Assert.Contains("row 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ShapeMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => RandomForestTrainer.Fit(new double[5], 3, 2, new double[3], new RandomForestOptions()));
        Assert.Throws<ArgumentException>(() => RandomForestTrainer.Fit(new double[6], 3, 2, new double[2], new RandomForestOptions()));
    }

    [Fact]
    public void Fit_OneOrTwoThreads_IdenticalBytesAndOtherSeedDiffers()
    {
        (double[] x, double[] y) = SyntheticData.Friedman1(3000, 6, noise: 1, seed: 31);
        var options = new RandomForestOptions { Trees = 40, MaxFeatures = RandomForestMaxFeatures.OfFraction(0.5), Seed = 5 };

        byte[] oneThread = Serialize(RandomForestTrainer.Fit(x, 3000, 6, y, options with { MaxDegreeOfParallelism = 1 }));
        byte[] twoThreads = Serialize(RandomForestTrainer.Fit(x, 3000, 6, y, options with { MaxDegreeOfParallelism = 2 }));
        byte[] again = Serialize(RandomForestTrainer.Fit(x, 3000, 6, y, options with { MaxDegreeOfParallelism = 2 }));
        byte[] otherSeed = Serialize(RandomForestTrainer.Fit(x, 3000, 6, y, options with { Seed = 6 }));

        Assert.Equal(oneThread, twoThreads);
        Assert.Equal(twoThreads, again);
        Assert.NotEqual(oneThread, otherSeed);
    }

    [Fact]
    public void Fit_Regression_OutOfBagR2CloseToHeldOutR2()
    {
        (double[] x, double[] y) = SyntheticData.Friedman1(4000, 5, noise: 1, seed: 32);
        const int Train = 3000;
        RandomForestModel model = RandomForestTrainer.Fit(x.AsSpan(0, Train * 5), Train, 5, y.AsSpan(0, Train), new RandomForestOptions { Trees = 60 });

        var predicted = new double[1000];
        model.PredictBatch(x.AsSpan(Train * 5), 1000, predicted);
        double heldOutR2 = R2(y.AsSpan(Train), predicted);
        OutOfBagScore oob = model.OutOfBag!;

        // With 60 trees every row is out of bag for some tree (each is left out with probability about 0.37).
        Assert.Equal(Train, oob.Rows);
        Assert.Null(oob.Accuracy);
        Assert.InRange(oob.R2!.Value, 0.75, 1);
        Assert.True(Math.Abs(oob.R2.Value - heldOutR2) < 0.05, $"OOB R2 {oob.R2:F4}, held-out R2 {heldOutR2:F4}.");
    }

    [Fact]
    public void Fit_WithoutBootstrapOnAllRows_HasNoOutOfBagScore()
    {
        (double[] x, double[] y) = SyntheticData.Friedman1(500, 5, noise: 1, seed: 33);
        RandomForestModel model = RandomForestTrainer.Fit(x, 500, 5, y, new RandomForestOptions { Trees = 3, Bootstrap = false });

        Assert.Null(model.OutOfBag);

        // Fully grown on every row with every feature, each tree fits the training rows exactly (the targets are distinct).
        var predicted = new double[500];
        model.PredictBatch(x, 500, predicted);
        Assert.Equal(0, SyntheticData.Rmse(y, predicted), 9);
    }

    [Fact]
    public void Fit_Classification_ProbabilitiesInUnitIntervalAndOutOfBagScoresSensible()
    {
        (double[] x, double[] y, int rows) = Classification(3000, seed: 34);
        RandomForestModel model = RandomForestTrainer.Fit(
            x, rows, 5, y, new RandomForestOptions { Task = RandomForestTask.Classification, Trees = 50, MinSamplesLeaf = 2 });

        var probabilities = new double[rows];
        model.PredictBatch(x, rows, probabilities);
        Assert.All(probabilities, p => Assert.InRange(p, 0, 1));
        Assert.All(model.NodeValues, v => Assert.InRange(v, 0, 1));
        Assert.Contains(probabilities, p => p is > 0.05 and < 0.95);

        OutOfBagScore oob = model.OutOfBag!;
        Assert.Null(oob.R2);
        Assert.InRange(oob.Accuracy!.Value, 0.75, 1);
        Assert.InRange(oob.RocAuc!.Value, 0.85, 1);
    }

    [Fact]
    public void Fit_MissingValues_LearnsDefaultDirectionsAndPredictsWithNaN()
    {
        (double[] x, double[] y) = SyntheticData.Friedman1(2000, 5, noise: 0.5, seed: 35);
        var random = new Random(36);
        for (int i = 0; i < x.Length; i++)
        {
            if (random.NextDouble() < 0.15)
            {
                x[i] = double.NaN;
            }
        }

        RandomForestModel model = RandomForestTrainer.Fit(x, 2000, 5, y, new RandomForestOptions { Trees = 30, MinSamplesLeaf = 3 });

        Assert.Contains(model.NodeDefaultLeft, d => d);
        Assert.InRange(model.OutOfBag!.R2!.Value, 0.5, 1);
        Assert.True(double.IsFinite(model.Predict([double.NaN, double.NaN, double.NaN, double.NaN, double.NaN])));
    }

    [Fact]
    public void Options_LimitsHoldInEveryTree()
    {
        (double[] x, double[] y) = SyntheticData.Friedman1(2000, 5, noise: 1, seed: 37);
        RandomForestModel leaves = RandomForestTrainer.Fit(x, 2000, 5, y, new RandomForestOptions { Trees = 10, MaxLeaves = 16 });
        RandomForestModel depth = RandomForestTrainer.Fit(x, 2000, 5, y, new RandomForestOptions { Trees = 10, MaxDepth = 3 });

        Assert.All(PerTree(leaves), nodes => Assert.InRange(nodes, 3, (2 * 16) - 1));
        Assert.All(PerTree(depth), nodes => Assert.InRange(nodes, 3, (2 * 8) - 1));
        Assert.True(depth.Ensemble.MaxDepth <= 3);
        Assert.All(leaves.TreeOffsets, root => Assert.InRange(leaves.NodeCovers[root], 1500, 2500));
    }

    [Theory]
    [InlineData(RandomForestTask.Regression)]
    [InlineData(RandomForestTask.Classification)]
    public void Fit_SmallLeavesSplitFromSortedRows_SameTreesAsFromHistograms(RandomForestTask task)
    {
        // Small leaves find their split by sorting rows instead of scanning histogram bins. With whole-number targets
        // every sum is exact, so both searches must choose the very same splits, missing directions and features drawn.
        (double[] x, double[] y) = SyntheticData.Friedman1(2500, 6, noise: 1, seed: 40);
        var random = new Random(41);
        for (int i = 0; i < x.Length; i++)
        {
            if (random.NextDouble() < 0.1)
            {
                x[i] = double.NaN;
            }
        }

        double median = y.Order().ElementAt(y.Length / 2);
        y = task == RandomForestTask.Classification ? Array.ConvertAll(y, v => v > median ? 1.0 : 0.0) : Array.ConvertAll(y, Math.Round);
        var options = new RandomForestOptions { Task = task, Trees = 8, MaxFeatures = RandomForestMaxFeatures.OfFraction(0.5), MaxDegreeOfParallelism = 1 };

        byte[] histograms = Serialize(RandomForestTrainer.Fit(x, 2500, 6, y, options, smallLeafRows: 0));
        byte[] sortedRows = Serialize(RandomForestTrainer.Fit(x, 2500, 6, y, options, smallLeafRows: 128));
        byte[] allSorted = Serialize(RandomForestTrainer.Fit(x, 2500, 6, y, options, smallLeafRows: 2500));

        Assert.Equal(histograms, sortedRows);
        Assert.Equal(histograms, allSorted);
    }

    [Fact]
    public void SaveLoad_RoundTrip_SameBytesAndPredictions()
    {
        (double[] x, double[] y) = SyntheticData.Friedman1(1500, 5, noise: 1, seed: 38);
        x[7] = double.NaN;
        RandomForestModel model = RandomForestTrainer.Fit(x, 1500, 5, y, new RandomForestOptions { Trees = 20, MaxFeatures = RandomForestMaxFeatures.Sqrt });

        string json = JsonSerializer.Serialize(model, SextantJson.Options);
        RandomForestModel loaded = JsonSerializer.Deserialize<RandomForestModel>(json, SextantJson.Options)!;

        Assert.Equal(json, JsonSerializer.Serialize(loaded, SextantJson.Options));
        Assert.Equal(model.OutOfBag, loaded.OutOfBag);
        var before = new double[1500];
        var after = new double[1500];
        model.PredictBatch(x, 1500, before);
        loaded.PredictBatch(x, 1500, after);
        Assert.Equal(before, after);
        for (int r = 0; r < 50; r++)
        {
            Assert.Equal(before[r], loaded.Predict(x.AsSpan(r * 5, 5)));
        }
    }

    [Fact]
    public void Load_InconsistentNodes_Throws()
    {
        (double[] x, double[] y) = SyntheticData.Friedman1(300, 5, noise: 1, seed: 39);
        RandomForestModel model = RandomForestTrainer.Fit(x, 300, 5, y, new RandomForestOptions { Trees = 2 });
        string json = JsonSerializer.Serialize(model, SextantJson.Options);
        string badVersion = json.Replace("\"format_version\": 1", "\"format_version\": 9", StringComparison.Ordinal);

        Assert.ThrowsAny<Exception>(() => JsonSerializer.Deserialize<RandomForestModel>(badVersion, SextantJson.Options));
        Assert.Throws<ArgumentException>(() => new RandomForestModel(
            1, RandomForestTask.Regression, 3, [0], [0, -1, -1], [0.5, 0, 0], [1, 0, 0], [2, 0, 0], [false, false, false], [0, 1, 2], [2, 1, 2], []));
    }

    private static byte[] Serialize(RandomForestModel model) => JsonSerializer.SerializeToUtf8Bytes(model, SextantJson.Options);

    private static IEnumerable<int> PerTree(RandomForestModel model) =>
        model.TreeOffsets.Select((root, t) => (t + 1 < model.TreeOffsets.Count ? model.TreeOffsets[t + 1] : model.NodeFeatures.Count) - root);

    private static double R2(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        double mean = 0;
        foreach (double a in actual)
        {
            mean += a;
        }

        mean /= actual.Length;
        double residual = 0;
        double total = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            residual += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
            total += (actual[i] - mean) * (actual[i] - mean);
        }

        return 1 - (residual / total);
    }

    /// <summary>Labels from a noisy threshold on Friedman1's target: learnable, not separable.</summary>
    private static (double[] X, double[] Y, int Rows) Classification(int rows, int seed)
    {
        (double[] x, double[] target) = SyntheticData.Friedman1(rows, 5, noise: 2, seed: seed);
        double median = target.Order().ElementAt(rows / 2);
        return (x, Array.ConvertAll(target, t => t > median ? 1.0 : 0.0), rows);
    }
}
