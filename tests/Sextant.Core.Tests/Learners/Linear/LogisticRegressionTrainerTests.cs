using System.Text.Json;
using Sextant.Learners.Linear;

namespace Sextant.Core.Tests.Learners.Linear;

public sealed class LogisticRegressionTrainerTests
{
    [Fact]
    public void Fit_20000SyntheticRows_RecoversKnownCoefficients()
    {
        double[] trueCoefficients = [1.5, -2.0, 0.5];
        const double TrueIntercept = -0.5;
        (double[] features, double[] labels) = Synthetic(20_000, trueCoefficients, TrueIntercept, seed: 2024);

        LogisticRegressionModel model = LogisticRegressionTrainer.Fit(features, 20_000, 3, labels, new LogisticRegressionOptions());

        Assert.True(model.Converged);
        Assert.InRange(model.Iterations, 2, 15);
        Assert.Equal(TrueIntercept, model.Intercept, 0.1);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(trueCoefficients[j], model.Coefficients[j], 0.1);
        }
    }

    [Fact]
    public void Fit_RowsSummedInParallelBlocks_GiveTheSameBitsWhateverTheThreadCount()
    {
        // 70,001 rows: five blocks, the last one partial, with weights.
        (double[] features, double[] labels) = Synthetic(70_001, [0.8, -1.1, 0.3], -0.2, seed: 11);
        double[] weights = Enumerable.Range(0, 70_001).Select(i => 0.5 + (i % 4)).ToArray();
        var options = new LogisticRegressionOptions { L2 = 0.5 };

        LogisticRegressionModel two = LogisticRegressionTrainer.Fit(features, 70_001, 3, labels, options, weights, new ParallelOptions { MaxDegreeOfParallelism = 2 });
        LogisticRegressionModel one = LogisticRegressionTrainer.Fit(features, 70_001, 3, labels, options, weights, new ParallelOptions { MaxDegreeOfParallelism = 1 });

        Assert.Equal(JsonSerializer.Serialize(one), JsonSerializer.Serialize(two));
        Assert.True(one.Converged);
    }

    [Fact]
    public void Fit_L2ZeroBinaryFeature_MatchesLogOddsRatio()
    {
        // x = 0: 1 positive in 4 (log-odds ln(1/3)); x = 1: 3 positives in 4 (log-odds ln 3).
        double[] x = [0, 0, 0, 0, 1, 1, 1, 1];
        double[] labels = [1, 0, 0, 0, 1, 1, 1, 0];

        LogisticRegressionModel model = LogisticRegressionTrainer.Fit(x, 8, 1, labels, new LogisticRegressionOptions { L2 = 0 });

        Assert.True(model.Converged);
        Assert.Equal(Math.Log(1.0 / 3.0), model.Intercept, 1e-9);
        Assert.Equal(2 * Math.Log(3.0), model.Coefficients[0], 1e-9);
    }

    [Fact]
    public void Fit_PenalisedSmallDataset_SatisfiesOptimalityConditions()
    {
        double[] features = [0.5, 1.0, -1.2, 0.3, 2.0, -0.7, 0.1, 0.1, -0.4, 2.2, 1.5, -1.0, 0.9, 0.0, -2.0, 1.1];
        double[] labels = [1, 0, 1, 0, 1, 0, 0, 1];
        const double L2 = 0.8;

        LogisticRegressionModel model = LogisticRegressionTrainer.Fit(features, 8, 2, labels, new LogisticRegressionOptions { L2 = L2 });

        // Gradient of sum(logloss) + L2/2 |b|^2 vanishes: sum(p - y) x_j + L2 b_j = 0 and sum(p - y) = 0.
        double[] gradient = new double[3];
        for (int i = 0; i < 8; i++)
        {
            double residual = model.PredictProbability(features.AsSpan(i * 2, 2)) - labels[i];
            gradient[0] += residual * features[i * 2];
            gradient[1] += residual * features[(i * 2) + 1];
            gradient[2] += residual;
        }

        Assert.True(model.Converged);
        Assert.Equal(0.0, gradient[0] + (L2 * model.Coefficients[0]), 1e-9);
        Assert.Equal(0.0, gradient[1] + (L2 * model.Coefficients[1]), 1e-9);
        Assert.Equal(0.0, gradient[2], 1e-9);
    }

    [Fact]
    public void Fit_SeparableDataL2Zero_StopsAtMaxIterationsWithoutNaN()
    {
        double[] x = [-2, -1.5, -1, 1, 1.5, 2];
        double[] labels = [0, 0, 0, 1, 1, 1];

        LogisticRegressionModel model = LogisticRegressionTrainer.Fit(x, 6, 1, labels, new LogisticRegressionOptions { L2 = 0, MaxIterations = 100 });

        Assert.False(model.Converged);
        Assert.Equal(100, model.Iterations);
        Assert.True(double.IsFinite(model.Intercept));
        Assert.True(double.IsFinite(model.Coefficients[0]));
        Assert.True(model.Coefficients[0] > 10);
        Assert.True(model.PredictProbability([-1.0]) < 1e-6);
        Assert.True(model.PredictProbability([1.0]) > 1 - 1e-6);
    }

    [Fact]
    public void Fit_SeparableDataPositiveL2_ConvergesToModerateCoefficients()
    {
        double[] features = [-2, 0.3, -1.5, -0.2, -1, 0.8, 1, -0.5, 1.5, 0.1, 2, 0.4];
        double[] labels = [0, 0, 0, 1, 1, 1];

        LogisticRegressionModel model = LogisticRegressionTrainer.Fit(features, 6, 2, labels, new LogisticRegressionOptions());

        Assert.True(model.Converged);
        Assert.All(model.Coefficients, c => Assert.InRange(c, -10, 10));
        Assert.True(model.PredictProbability([-1.0, 0.0]) < 0.5);
        Assert.True(model.PredictProbability([1.0, 0.0]) > 0.5);
    }

    [Fact]
    public void Fit_L2ZeroCollinearOneHot_ConvergesToFullRankProbabilities()
    {
        // Three levels one-hot encoded alongside an intercept: the Hessian is singular, the likelihood is not.
        int[] level = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2];
        double[] labels = [1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0];
        var oneHot = new double[12 * 3];
        for (int i = 0; i < 12; i++)
        {
            oneHot[(i * 3) + level[i]] = 1;
        }

        LogisticRegressionModel model = LogisticRegressionTrainer.Fit(oneHot, 12, 3, labels, new LogisticRegressionOptions { L2 = 0 });

        Assert.True(model.Converged);
        Assert.All(model.Coefficients, c => Assert.InRange(c, -100, 100));
        Assert.Equal(0.25, model.PredictProbability([1.0, 0, 0]), 1e-9);
        Assert.Equal(0.5, model.PredictProbability([0, 1.0, 0]), 1e-9);
        Assert.Equal(0.75, model.PredictProbability([0, 0, 1.0]), 1e-9);
    }

    [Fact]
    public void Fit_IntegerWeights_EqualDuplicatedRows()
    {
        double[] x = [0.2, -1.0, 1.3, 0.7, -0.4, 2.1];
        double[] labels = [0, 0, 1, 0, 1, 1];
        double[] weights = [2, 1, 3, 1, 2, 1];
        var duplicatedX = new List<double>();
        var duplicatedLabels = new List<double>();
        for (int i = 0; i < x.Length; i++)
        {
            for (int copy = 0; copy < weights[i]; copy++)
            {
                duplicatedX.Add(x[i]);
                duplicatedLabels.Add(labels[i]);
            }
        }

        var options = new LogisticRegressionOptions { L2 = 0.5 };
        LogisticRegressionModel weighted = LogisticRegressionTrainer.Fit(x, 6, 1, labels, options, weights);
        LogisticRegressionModel duplicated = LogisticRegressionTrainer.Fit(duplicatedX.ToArray(), duplicatedX.Count, 1, duplicatedLabels.ToArray(), options);

        Assert.Equal(duplicated.Intercept, weighted.Intercept, 1e-9);
        Assert.Equal(duplicated.Coefficients[0], weighted.Coefficients[0], 1e-9);
    }

    [Fact]
    public void Fit_NoIntercept_KeepsInterceptZero()
    {
        double[] x = [-2, -1, 0.5, 1, 2, -0.5];
        double[] labels = [0, 1, 1, 1, 1, 0];

        LogisticRegressionModel model = LogisticRegressionTrainer.Fit(x, 6, 1, labels, new LogisticRegressionOptions { FitIntercept = false });

        Assert.Equal(0.0, model.Intercept);
        Assert.True(model.Converged);
        Assert.True(model.Coefficients[0] > 0);
    }

    [Fact]
    public void Model_JsonRoundTrip_GivesBitIdenticalPredictions()
    {
        (double[] features, double[] labels) = Synthetic(1000, [0.8, -0.3, 1.1], 0.2, seed: 5);
        LogisticRegressionModel model = LogisticRegressionTrainer.Fit(features, 1000, 3, labels, new LogisticRegressionOptions { L2 = 0.3 });

        string json = JsonSerializer.Serialize(model);
        LogisticRegressionModel? loaded = JsonSerializer.Deserialize<LogisticRegressionModel>(json);

        Assert.NotNull(loaded);
        Assert.Equal(model.Iterations, loaded.Iterations);
        Assert.Equal(model.Converged, loaded.Converged);
        Assert.Equal(json, JsonSerializer.Serialize(loaded));
        var before = new double[1000];
        var after = new double[1000];
        model.PredictProbabilityBatch(features, 1000, before);
        loaded.PredictProbabilityBatch(features, 1000, after);
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(before[i]), BitConverter.DoubleToInt64Bits(after[i]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(before[i]), BitConverter.DoubleToInt64Bits(loaded.PredictProbability(features.AsSpan(i * 3, 3))));
        }
    }

    [Fact]
    public void Fit_SameInputsTwice_GivesIdenticalModelBytes()
    {
        (double[] features, double[] labels) = Synthetic(2000, [0.5, 0.5, -1.0], -0.1, seed: 9);

        string first = JsonSerializer.Serialize(LogisticRegressionTrainer.Fit(features, 2000, 3, labels, new LogisticRegressionOptions()));
        string second = JsonSerializer.Serialize(LogisticRegressionTrainer.Fit(features, 2000, 3, labels, new LogisticRegressionOptions()));

        Assert.Equal(first, second);
    }

    [Fact]
    public void PredictProbability_ExtremeLogits_StaysInUnitInterval()
    {
        var model = new LogisticRegressionModel(0, [1000.0], 1, true);

        Assert.Equal(1.0, model.PredictProbability([1000.0]));
        Assert.Equal(0.0, model.PredictProbability([-1000.0]));
        Assert.Equal(0.5, model.PredictProbability([0.0]));
    }

    [Fact]
    public void Fit_LabelNotZeroOrOne_ThrowsNamingRow()
    {
        double[] labels = [0, 1, 2, 0];

        ArgumentException error = Assert.Throws<ArgumentException>(
            () => LogisticRegressionTrainer.Fit([1.0, 2, 3, 4], 4, 1, labels, new LogisticRegressionOptions()));

        Assert.Contains("row 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("0 or 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_OneClass_Throws()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(
            () => LogisticRegressionTrainer.Fit([1.0, 2, 3], 3, 1, [1.0, 1, 1], new LogisticRegressionOptions()));

        Assert.Contains("only class 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_NaNFeature_ThrowsNamingRowAndColumn()
    {
        double[] features = [1, 2, 3, double.NaN, 5, 6];

        ArgumentException error = Assert.Throws<ArgumentException>(
            () => LogisticRegressionTrainer.Fit(features, 3, 2, [0.0, 1, 0], new LogisticRegressionOptions()));

        Assert.Contains("row 1, column 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_OutOfRange_FailValidation()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegressionOptions { L2 = -0.1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegressionOptions { MaxIterations = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegressionOptions { Tolerance = 0 }.Validate());

        var defaults = new LogisticRegressionOptions();
        Assert.Equal(1.0, defaults.L2);
        Assert.True(defaults.FitIntercept);
        Assert.Equal(100, defaults.MaxIterations);
        Assert.Equal(1e-8, defaults.Tolerance);
    }

    private static (double[] Features, double[] Labels) Synthetic(int rows, double[] coefficients, double intercept, int seed)
    {
        var random = new Random(seed);
        int columns = coefficients.Length;
        var features = new double[rows * columns];
        var labels = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double logit = intercept;
            for (int j = 0; j < columns; j++)
            {
                double x = StandardNormal(random);
                features[(i * columns) + j] = x;
                logit += coefficients[j] * x;
            }

            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
        }

        return (features, labels);
    }

    private static double StandardNormal(Random random)
    {
        double u = 1 - random.NextDouble();
        double v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
