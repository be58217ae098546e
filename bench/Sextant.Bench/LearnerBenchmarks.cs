using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Sextant.Learners.GradientBoosting;
using Sextant.Learners.Linear;
using Sextant.Learners.RandomForest;
using Sextant.Storage;

namespace Sextant.Bench;

/// <summary>Stopwatch timings of the learners: fit time, peak working set, single-row and batch prediction.</summary>
internal static class LearnerBenchmarks
{
    public static int Run(string[] args)
    {
        int threads = 2;
        int index = Array.IndexOf(args, "--threads");
        if (index >= 0 && index + 1 < args.Length)
        {
            threads = int.Parse(args[index + 1], CultureInfo.InvariantCulture);
        }

        bool quick = args.Contains("--quick");
        int repeat = BenchArguments.Option(args, "--repeat") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 1;
        string? only = BenchArguments.Option(args, "--only");
        Print($"Sextant learner benchmarks: {Environment.ProcessorCount} logical cores, MaxDegreeOfParallelism {threads}, .NET {Environment.Version}");
        if (only == "categorical")
        {
            Categorical(threads, categories: 30);
            Categorical(threads, categories: 200);
            return 0;
        }

        if (only == "linear")
        {
            Linear(100_000, 20, repeat);
            if (!quick)
            {
                Linear(1_000_000, 20, repeat);
            }

            return 0;
        }

        if (only == "random_forest")
        {
            // Alone, so that the peak working set is the forest's.
            RandomForestCalifornia(threads, args);
            return 0;
        }

        // The issue's shape for every loss: 100 rounds, depth 6, 31 leaves, no early stopping, 100,000 and 1,000,000 rows.
        var options = new GradientBoostingOptions
        {
            Rounds = 100,
            MaxDepth = 6,
            MaxLeaves = 31,
            EarlyStopping = null,
            MaxDegreeOfParallelism = threads,
        };

        Action<int, int, GradientBoostingOptions, int>? loss = only switch
        {
            "logloss" => FriedmanLogLoss,
            "quantile" => FriedmanQuantile,
            _ => null,
        };
        if (loss is not null)
        {
            GradientBoostingOptions lossOptions = only == "logloss"
                ? options with { Loss = GradientBoostingLoss.LogLoss }
                : options with { Loss = GradientBoostingLoss.Quantile, QuantileAlpha = 0.9 };
            loss(100_000, 20, lossOptions, repeat);
            if (!quick)
            {
                loss(1_000_000, 20, lossOptions, repeat);
            }

            return 0;
        }

        Friedman(100_000, 20, options, repeat);
        if (!quick)
        {
            Friedman(1_000_000, 20, options, repeat);
        }

        California(threads, repeat);
        if (only is null)
        {
            RandomForestCalifornia(threads, args);
        }

        return 0;
    }

    private static void Friedman(int rows, int columns, GradientBoostingOptions options, int repeat)
    {
        (double[] x, double[] y) = Friedman1(rows, columns, seed: 1);
        GradientBoostingTrainer.Fit(x.AsSpan(0, 2000 * columns), 2000, columns, y.AsSpan(0, 2000), options with { Rounds = 5 });

        (GradientBoostingModel model, string fitSeconds) = TimeFits(repeat, () => GradientBoostingTrainer.Fit(x, rows, columns, y, options));
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var stopwatch = new Stopwatch();

        double singleMicroseconds = SingleRowMicroseconds(model, x, columns);
        int batchRows = Math.Min(rows, 200_000);
        var destination = new double[batchRows];
        model.PredictBatch(x.AsSpan(0, batchRows * columns), batchRows, destination);
        stopwatch.Restart();
        model.PredictBatch(x.AsSpan(0, batchRows * columns), batchRows, destination);
        double batchRowsPerSecond = batchRows / stopwatch.Elapsed.TotalSeconds;
        double rmse = Rmse(y.AsSpan(0, batchRows), destination);

        Print($"gbm friedman1 {rows:N0}x{columns}, {model.Rounds} rounds (max depth 6, 31 leaves): fit {fitSeconds} s, peak working set {peak / (1024.0 * 1024):F0} MiB, predict one row {singleMicroseconds:F2} us, batch {batchRowsPerSecond / 1e6:F2} M rows/s, train RMSE {rmse:F3}");
    }

    /// <summary>
    /// Binary classification with log-loss on friedman1 rows labelled 1 above the median target (half the rows each),
    /// as the anchors' script does.
    /// </summary>
    private static void FriedmanLogLoss(int rows, int columns, GradientBoostingOptions options, int repeat)
    {
        (double[] x, double[] y) = Friedman1(rows, columns, seed: 1);
        double median = y.Order().ElementAt(rows / 2);
        double[] labels = y.Select(v => v > median ? 1.0 : 0.0).ToArray();
        GradientBoostingTrainer.Fit(x.AsSpan(0, 2000 * columns), 2000, columns, labels.AsSpan(0, 2000), options with { Rounds = 5 });

        (GradientBoostingModel model, string fitSeconds) = TimeFits(repeat, () => GradientBoostingTrainer.Fit(x, rows, columns, labels, options));
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var probabilities = new double[rows];
        model.PredictBatch(x, rows, probabilities);
        double accuracy = labels.Zip(probabilities, (label, p) => (p >= 0.5 ? 1.0 : 0.0) == label ? 1.0 : 0.0).Average();
        Print($"gbm friedman1 binary {rows:N0}x{columns}, {model.Rounds} rounds, log-loss (max depth 6, 31 leaves): fit {fitSeconds} s, peak working set {peak / (1024.0 * 1024):F0} MiB, train accuracy {accuracy:F3}");
    }

    /// <summary>The linear learners on the friedman1 rows (logistic regression on the labels above the median).</summary>
    private static void Linear(int rows, int columns, int repeat)
    {
        (double[] x, double[] y) = Friedman1(rows, columns, seed: 1);
        double median = y.Order().ElementAt(rows / 2);
        double[] labels = y.Select(v => v > median ? 1.0 : 0.0).ToArray();
        (_, string ols) = TimeFits(repeat, () => RidgeTrainer.Fit(x, rows, columns, y, new RidgeOptions { L2 = 0 }));
        (_, string ridge) = TimeFits(repeat, () => RidgeTrainer.Fit(x, rows, columns, y, new RidgeOptions { L2 = 1 }));
        (_, string lasso) = TimeFits(repeat, () => ElasticNetTrainer.Fit(x, rows, columns, y, new ElasticNetOptions { Alpha = 0.01, L1Ratio = 1 }));
        (_, string logistic) = TimeFits(repeat, () => LogisticRegressionTrainer.Fit(x, rows, columns, labels, new LogisticRegressionOptions { L2 = 1 }));
        Print($"linear friedman1 {rows:N0}x{columns}: ols {ols} s, ridge {ridge} s, lasso {lasso} s, logistic {logistic} s");
    }

    /// <summary>Quantile (pinball) boosting at alpha 0.9 on the friedman1 rows, as the anchors' script does.</summary>
    private static void FriedmanQuantile(int rows, int columns, GradientBoostingOptions options, int repeat)
    {
        (double[] x, double[] y) = Friedman1(rows, columns, seed: 1);
        GradientBoostingTrainer.Fit(x.AsSpan(0, 2000 * columns), 2000, columns, y.AsSpan(0, 2000), options with { Rounds = 5 });

        (GradientBoostingModel model, string fitSeconds) = TimeFits(repeat, () => GradientBoostingTrainer.Fit(x, rows, columns, y, options));
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var predicted = new double[rows];
        model.PredictBatch(x, rows, predicted);
        double below = y.Zip(predicted, (actual, p) => actual <= p ? 1.0 : 0.0).Average();
        Print($"gbm friedman1 {rows:N0}x{columns}, {model.Rounds} rounds, quantile 0.9 (max depth 6, 31 leaves): fit {fitSeconds} s, peak working set {peak / (1024.0 * 1024):F0} MiB, train rows at or below the prediction {below:P1}");
    }

    /// <summary>
    /// Fits <paramref name="repeat"/> times; returns the last model and the fastest time, with every time when more than
    /// one (this machine's neighbours make single timings noisy, and the fastest is the least disturbed).
    /// </summary>
    private static (T Model, string Seconds) TimeFits<T>(int repeat, Func<T> fit)
    {
        var times = new List<double>();
        T model = default!;
        for (int i = 0; i < Math.Max(1, repeat); i++)
        {
            var stopwatch = Stopwatch.StartNew();
            model = fit();
            times.Add(stopwatch.Elapsed.TotalSeconds);
        }

        string all = times.Count > 1 ? $" (min of {string.Join(", ", times.Select(t => t.ToString("F3", CultureInfo.InvariantCulture)))})" : string.Empty;
        return (model, times.Min().ToString("F3", CultureInfo.InvariantCulture) + all);
    }

    /// <summary>
    /// California twice: scikit-learn's shape (100 rounds, 31 leaves, no early stopping), the speed comparison; and the
    /// documented defaults (early stopping), the accuracy the tests hold.
    /// </summary>
    private static void California(int threads, int repeat)
    {
        if (LoadCalifornia() is not var (train, trainX, trainY, test, testX, testY))
        {
            Console.WriteLine("gbm california: skipped, shared/data/california_housing/cal_housing.data not found above the working directory");
            return;
        }

        var predicted = new double[test];
        var shape = new GradientBoostingOptions { Rounds = 100, EarlyStopping = null, MaxDegreeOfParallelism = threads };
        (GradientBoostingModel hundred, string hundredSeconds) = TimeFits(repeat, () => GradientBoostingTrainer.Fit(trainX, train, 8, trainY, shape));
        hundred.PredictBatch(testX, test, predicted);
        Print($"gbm california (100 rounds, 31 leaves, no early stopping, {train:N0} train rows): fit {hundredSeconds} s, test RMSE {Rmse(testY, predicted):F4}");

        (GradientBoostingModel model, string fitSeconds) = TimeFits(repeat, () => GradientBoostingTrainer.Fit(
            trainX, train, 8, trainY, new GradientBoostingOptions { MaxDegreeOfParallelism = threads }));
        model.PredictBatch(testX, test, predicted);
        var batchClock = Stopwatch.StartNew();
        const int BatchPasses = 20;
        for (int pass = 0; pass < BatchPasses; pass++)
        {
            model.PredictBatch(testX, test, predicted);
        }

        double batchRowsPerSecond = BatchPasses * test / batchClock.Elapsed.TotalSeconds;
        Print($"gbm california (defaults, {train:N0} train rows): fit {fitSeconds} s, {model.Rounds} rounds kept, test RMSE {Rmse(testY, predicted):F4}, predict one row {SingleRowMicroseconds(model, testX, 8):F2} us, batch {batchRowsPerSecond / 1e3:F0} k rows/s");
    }

    /// <summary>
    /// California with a 300-tree forest and otherwise the documented defaults (fully grown trees, every feature per split),
    /// as <c>RandomForestCaliforniaTests</c> fits it; <c>--rf-trees</c>, <c>--rf-max-features</c> and <c>--rf-min-samples-leaf</c> vary it.
    /// </summary>
    private static void RandomForestCalifornia(int threads, string[] args)
    {
        if (LoadCalifornia() is not var (train, trainX, trainY, test, testX, testY))
        {
            Console.WriteLine("random_forest california: skipped, shared/data/california_housing/cal_housing.data not found above the working directory");
            return;
        }

        var options = new RandomForestOptions
        {
            Trees = BenchArguments.Option(args, "--rf-trees") is { } trees ? int.Parse(trees, CultureInfo.InvariantCulture) : 300,
            MaxFeatures = BenchArguments.Option(args, "--rf-max-features") is { } maxFeatures ? RandomForestMaxFeatures.Parse(maxFeatures) : null,
            MinSamplesLeaf = BenchArguments.Option(args, "--rf-min-samples-leaf") is { } minLeaf ? int.Parse(minLeaf, CultureInfo.InvariantCulture) : 1,
            MaxDegreeOfParallelism = threads,
        };
        var stopwatch = Stopwatch.StartNew();
        RandomForestModel model = RandomForestTrainer.Fit(trainX, train, 8, trainY, options);
        double fitSeconds = stopwatch.Elapsed.TotalSeconds;
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var predicted = new double[test];
        model.PredictBatch(testX.AsSpan(0, 64 * 8), 64, predicted);
        stopwatch.Restart();
        model.PredictBatch(testX, test, predicted);
        double batchRowsPerSecond = test / stopwatch.Elapsed.TotalSeconds;

        // The artifact size, measured after the peak working set: models are stored as gzip-compressed compact JSON.
        long storedBytes = SextantJson.SerializeCompressed(model).LongLength;

        Print($"random_forest california ({options.Trees} trees, max_features {options.EffectiveMaxFeatures}, min_samples_leaf {options.MinSamplesLeaf}, {train:N0} train rows): fit {fitSeconds:F2} s, peak working set {peak / (1024.0 * 1024):F0} MiB, {model.NodeFeatures.Count:N0} nodes, test RMSE {Rmse(testY, predicted):F4}, OOB R2 {model.OutOfBag?.R2:F4}, batch {batchRowsPerSecond / 1e3:F0} k rows/s, stored (gzip JSON) {storedBytes / (1024.0 * 1024):F0} MiB");
    }

    private static (int Train, double[] TrainX, double[] TrainY, int Test, double[] TestX, double[] TestY)? LoadCalifornia()
    {
        string? path = FindCalifornia();
        if (path is null)
        {
            return null;
        }

        var x = new List<double>();
        var y = new List<double>();
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0)
            {
                continue;
            }

            double[] v = Array.ConvertAll(line.Split(','), s => double.Parse(s, CultureInfo.InvariantCulture));
            x.AddRange([v[7], v[2], v[3] / v[6], v[4] / v[6], v[5], v[5] / v[6], v[1], v[0]]);
            y.Add(v[8] / 100_000);
        }

        int rows = y.Count;
        var order = Enumerable.Range(0, rows).ToArray();
        new Random(42).Shuffle(order);
        int test = rows / 5;
        int train = rows - test;
        double[] trainX = order[..train].SelectMany(i => x.Skip(i * 8).Take(8)).ToArray();
        double[] trainY = order[..train].Select(i => y[i]).ToArray();
        double[] testX = order[train..].SelectMany(i => x.Skip(i * 8).Take(8)).ToArray();
        double[] testY = order[train..].Select(i => y[i]).ToArray();
        return (train, trainX, trainY, test, testX, testY);
    }

    private static double SingleRowMicroseconds(GradientBoostingModel model, double[] x, int columns)
    {
        int rows = x.Length / columns;
        const int Calls = 200_000;
        double sink = 0;
        for (int i = 0; i < 10_000; i++)
        {
            sink += model.Predict(x.AsSpan(i % rows * columns, columns));
        }

        var stopwatch = Stopwatch.StartNew();
        for (int i = 0; i < Calls; i++)
        {
            sink += model.Predict(x.AsSpan(i % rows * columns, columns));
        }

        double microseconds = stopwatch.Elapsed.TotalMicroseconds / Calls;
        return double.IsNaN(sink) ? double.NaN : microseconds;
    }

    private static string? FindCalifornia()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string path = Path.Combine(dir.FullName, "shared", "data", "california_housing", "cal_housing.data");
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Native categorical splits against the two encodings a user could do by hand: the codes as one numeric column,
    /// and a 0/1 column per level. 100,000 training rows, 20,000 test rows; a random half of the categories add 1 to
    /// the target (plus a numeric effect, a 3-level effect and noise of 0.1); 100 rounds of 31 leaves, no early stopping.
    /// </summary>
    private static void Categorical(int threads, int categories)
    {
        const int Train = 100_000;
        const int Test = 20_000;
        (double[] x, double[] y) = CategoricalData(Train + Test, categories, seed: 1);
        var options = new GradientBoostingOptions { Rounds = 100, EarlyStopping = null, MaxDegreeOfParallelism = threads };
        GradientBoostingTrainer.Fit(x.AsSpan(0, 2000 * 3), 2000, 3, y.AsSpan(0, 2000), options with { Rounds = 5, CategoricalFeatures = [0, 2] });

        Measure("native", x, 3, options with { CategoricalFeatures = [0, 2] });
        Measure("ordinal codes", x, 3, options);
        int width = categories + 3 + 1;
        var oneHot = new double[(Train + Test) * width];
        for (int r = 0; r < Train + Test; r++)
        {
            oneHot[(r * width) + (int)x[r * 3]] = 1;
            oneHot[(r * width) + categories + (int)x[(r * 3) + 2]] = 1;
            oneHot[(r * width) + categories + 3] = x[(r * 3) + 1];
        }

        Measure("one-hot", oneHot, width, options);

        void Measure(string name, double[] features, int columns, GradientBoostingOptions fit)
        {
            var stopwatch = Stopwatch.StartNew();
            GradientBoostingModel model = GradientBoostingTrainer.Fit(features.AsSpan(0, Train * columns), Train, columns, y.AsSpan(0, Train), fit);
            double seconds = stopwatch.Elapsed.TotalSeconds;
            var predicted = new double[Test];
            model.PredictBatch(features.AsSpan(Train * columns), Test, predicted);
            Print($"gbm categorical ({categories} categories, {name}, {columns} columns): fit {seconds:F2} s, test RMSE {Rmse(y.AsSpan(Train), predicted):F4} (noise alone 0.1)");
        }
    }

    private static (double[] X, double[] Y) CategoricalData(int rows, int categories, int seed)
    {
        var effects = new Random(1000 + categories);
        bool[] good = [.. Enumerable.Range(0, categories).Select(_ => effects.NextDouble() < 0.5)];
        var random = new Random(seed);
        var x = new double[rows * 3];
        var y = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            int code = random.Next(categories);
            double u = random.NextDouble();
            int level = random.Next(3);
            x[r * 3] = code;
            x[(r * 3) + 1] = u;
            x[(r * 3) + 2] = level;
            double u1 = 1.0 - random.NextDouble();
            double noise = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * random.NextDouble());
            y[r] = (good[code] ? 1 : 0) + (0.5 * u) + (level == 2 ? 0.3 : 0) + (0.1 * noise);
        }

        return (x, y);
    }

    internal static (double[] X, double[] Y) Friedman1(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var x = new double[rows * columns];
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            Span<double> row = x.AsSpan(i * columns, columns);
            for (int j = 0; j < columns; j++)
            {
                row[j] = random.NextDouble();
            }

            double u1 = 1.0 - random.NextDouble();
            double u2 = random.NextDouble();
            double noise = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            y[i] = (10 * Math.Sin(Math.PI * row[0] * row[1])) + (20 * (row[2] - 0.5) * (row[2] - 0.5)) + (10 * row[3]) + (5 * row[4]) + noise;
        }

        return (x, y);
    }

    private static double Rmse(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        double sum = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double d = actual[i] - predicted[i];
            sum += d * d;
        }

        return Math.Sqrt(sum / actual.Length);
    }

    private static void Print(FormattableString message) => Console.WriteLine(message.ToString(CultureInfo.InvariantCulture));
}
