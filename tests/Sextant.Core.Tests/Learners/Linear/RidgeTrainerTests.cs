using System.Text.Json;
using Sextant.Learners.Linear;

namespace Sextant.Core.Tests.Learners.Linear;

public sealed class RidgeTrainerTests
{
    private static readonly RidgeOptions s_ols = new() { L2 = 0 };

    // Two features, six rows, targets not exactly linear.
    private static readonly double[] s_x1 = [1, 2, 3, 4, 5, 6];
    private static readonly double[] s_x2 = [2, 1, 4, 3, 6, 5];
    private static readonly double[] s_y = [3.1, 2.9, 7.2, 6.8, 11.1, 10.7];

    [Fact]
    public void Fit_L2Zero_MatchesNormalEquations()
    {
        double[] features = RowMajor(s_x1, s_x2);

        RidgeModel model = RidgeTrainer.Fit(features, 6, 2, s_y, s_ols);

        // Normal equations [1 x1 x2]'[1 x1 x2] beta = [1 x1 x2]'y, solved by Cramer's rule.
        double[,] a = new double[3, 3];
        double[] b = new double[3];
        for (int i = 0; i < 6; i++)
        {
            double[] row = [1, s_x1[i], s_x2[i]];
            for (int j = 0; j < 3; j++)
            {
                b[j] += row[j] * s_y[i];
                for (int k = 0; k < 3; k++)
                {
                    a[j, k] += row[j] * row[k];
                }
            }
        }

        double[] expected = SolveByCramer(a, b);
        Assert.Equal(expected[0], model.Intercept, 1e-9);
        Assert.Equal(expected[1], model.Coefficients[0], 1e-9);
        Assert.Equal(expected[2], model.Coefficients[1], 1e-9);
    }

    [Fact]
    public void Fit_L2ZeroExactLinearData_RecoversCoefficients()
    {
        double[] y = new double[6];
        for (int i = 0; i < 6; i++)
        {
            y[i] = 1.5 + (2 * s_x1[i]) - (3 * s_x2[i]);
        }

        RidgeModel model = RidgeTrainer.Fit(RowMajor(s_x1, s_x2), 6, 2, y, s_ols);

        Assert.Equal(1.5, model.Intercept, 1e-9);
        Assert.Equal(2.0, model.Coefficients[0], 1e-9);
        Assert.Equal(-3.0, model.Coefficients[1], 1e-9);
    }

    [Fact]
    public void Fit_PositiveL2OneFeature_MatchesClosedForm()
    {
        // Centred: Sxx = 10, Sxy = 6, so b = 6 / (10 + L2) and intercept = mean(y) - b * mean(x).
        double[] x = [1, 2, 3, 4, 5];
        double[] y = [2, 4, 5, 4, 5];

        RidgeModel model = RidgeTrainer.Fit(x, 5, 1, y, new RidgeOptions { L2 = 2 });

        Assert.Equal(0.5, model.Coefficients[0], 1e-12);
        Assert.Equal(2.5, model.Intercept, 1e-12);
    }

    [Fact]
    public void Fit_NoIntercept_MatchesThroughOriginClosedForm()
    {
        double[] x = [1, 2, 3, 4, 5];
        double[] y = [2, 4, 5, 4, 5];

        // b = sum(xy) / (sum(x^2) + L2) = 66 / (55 + 5).
        RidgeModel model = RidgeTrainer.Fit(x, 5, 1, y, new RidgeOptions { L2 = 5, FitIntercept = false });

        Assert.Equal(0.0, model.Intercept);
        Assert.Equal(66.0 / 60.0, model.Coefficients[0], 1e-12);
    }

    [Fact]
    public void Fit_L2ZeroCollinearOneHot_GivesMinimumNormAndFullRankPredictions()
    {
        // A numeric column plus a three-level category; the full one-hot block sums to one, so with an
        // intercept the design is rank-deficient. Dropping the first level gives a full-rank encoding.
        int[] category = [0, 1, 2, 0, 1, 2, 0, 1, 2, 1];
        double[] numeric = [0.5, 1.2, -0.3, 2.2, 0.1, 1.7, -1.0, 0.9, 0.4, 1.1];
        double[] y = [1.0, 3.9, 5.2, 2.4, 3.1, 7.3, 0.2, 4.4, 5.5, 4.1];
        int rows = y.Length;
        var oneHot = new double[rows * 4];
        var dropFirst = new double[rows * 3];
        for (int i = 0; i < rows; i++)
        {
            oneHot[(i * 4) + 0] = numeric[i];
            oneHot[(i * 4) + 1 + category[i]] = 1;
            dropFirst[(i * 3) + 0] = numeric[i];
            if (category[i] > 0)
            {
                dropFirst[(i * 3) + category[i]] = 1;
            }
        }

        RidgeModel collinear = RidgeTrainer.Fit(oneHot, rows, 4, y, s_ols);
        RidgeModel fullRank = RidgeTrainer.Fit(dropFirst, rows, 3, y, s_ols);

        Assert.All(collinear.Coefficients, c => Assert.True(double.IsFinite(c)));
        for (int i = 0; i < rows; i++)
        {
            double expected = fullRank.Predict(dropFirst.AsSpan(i * 3, 3));
            Assert.Equal(expected, collinear.Predict(oneHot.AsSpan(i * 4, 4)), 1e-9);
        }

        // The null space is (0, 1, 1, 1): the minimum-norm solution is orthogonal to it.
        double levelSum = collinear.Coefficients[1] + collinear.Coefficients[2] + collinear.Coefficients[3];
        Assert.Equal(0.0, levelSum, 1e-9);
        Assert.Equal(fullRank.Coefficients[0], collinear.Coefficients[0], 1e-9);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Fit_L2ZeroOnManyRows_SolvedByBlocksOfRows_MatchesOneQrOfTheWholeSystem(bool weighted, bool collinear)
    {
        // 100,003 rows: QR block by block, then of the stacked triangles. The same least-squares (or minimum-norm)
        // solution as one QR of the whole centred system, with weights and with a column that repeats another.
        const int rows = 100_003;
        const int columns = 5;
        var random = new Random(7);
        var x = new double[rows * columns];
        var y = new double[rows];
        var w = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                x[(i * columns) + j] = collinear && j == 4 ? 2 * x[i * columns] : (random.NextDouble() * 10) + j;
            }

            y[i] = 3 + x[i * columns] - (2 * x[(i * columns) + 1]) + (0.5 * x[(i * columns) + 3]) + random.NextDouble();
            w[i] = weighted ? 0.5 + random.Next(3) : 1;
        }

        RidgeModel model = RidgeTrainer.Fit(x, rows, columns, y, s_ols, weighted ? w : default);

        double weightSum = w.Sum();
        var means = new double[columns];
        for (int j = 0; j < columns; j++)
        {
            means[j] = Enumerable.Range(0, rows).Sum(i => w[i] * x[(i * columns) + j]) / weightSum;
        }

        double yMean = Enumerable.Range(0, rows).Sum(i => w[i] * y[i]) / weightSum;
        var design = new double[rows * columns];
        var rhs = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double root = Math.Sqrt(w[i]);
            for (int j = 0; j < columns; j++)
            {
                design[(j * rows) + i] = root * (x[(i * columns) + j] - means[j]);
            }

            rhs[i] = root * (y[i] - yMean);
        }

        double[] expected = LinearSolver.SolveLeastSquares(design, rows, columns, rhs);
        for (int j = 0; j < columns; j++)
        {
            Assert.Equal(expected[j], model.Coefficients[j], 1e-9);
        }

        // y = x0 + ...: with x4 = 2 x0 the minimum-norm split of that 1 is (0.2, 0.4), not one of the huge pairs that
        // rounding noise in a rank-deficient triangle would give.
        Assert.Equal(collinear ? 0.2 : 1.0, model.Coefficients[0], 0.01);
        Assert.Equal(collinear ? 0.4 : 0.0, model.Coefficients[4], 0.01);
    }

    [Fact]
    public void Fit_L2ZeroMoreColumnsThanRows_ReturnsMinimumNormSolution()
    {
        double[] features = [1, 0, 0, 0, 1, 0];

        RidgeModel model = RidgeTrainer.Fit(features, 2, 3, [1.0, 2.0], s_ols with { FitIntercept = false });

        Assert.Equal(1.0, model.Coefficients[0], 1e-12);
        Assert.Equal(2.0, model.Coefficients[1], 1e-12);
        Assert.Equal(0.0, model.Coefficients[2], 1e-12);
    }

    [Fact]
    public void Fit_L2ZeroDuplicatedColumn_SplitsCoefficientEvenly()
    {
        double[] x = [1, 2, 3, 4, 5];
        double[] features = RowMajor(x, x);
        double[] y = [3, 5, 7, 9, 11];

        RidgeModel model = RidgeTrainer.Fit(features, 5, 2, y, s_ols);

        Assert.Equal(1.0, model.Coefficients[0], 1e-9);
        Assert.Equal(1.0, model.Coefficients[1], 1e-9);
        Assert.Equal(1.0, model.Intercept, 1e-9);
    }

    [Fact]
    public void Fit_IncreasingL2_ShrinksCoefficients()
    {
        double[] features = RowMajor(s_x1, s_x2);
        double previous = double.PositiveInfinity;

        foreach (double l2 in new[] { 0.0, 0.1, 1, 10, 100, 1000 })
        {
            RidgeModel model = RidgeTrainer.Fit(features, 6, 2, s_y, new RidgeOptions { L2 = l2 });
            double norm = Math.Sqrt(model.Coefficients.Sum(c => c * c));
            Assert.True(norm < previous, $"L2 = {l2}: norm {norm} did not shrink below {previous}.");
            previous = norm;
        }
    }

    [Fact]
    public void Fit_HugeL2_InterceptApproachesTargetMean()
    {
        RidgeModel model = RidgeTrainer.Fit(RowMajor(s_x1, s_x2), 6, 2, s_y, new RidgeOptions { L2 = 1e12 });

        Assert.All(model.Coefficients, c => Assert.True(Math.Abs(c) < 1e-9));
        Assert.Equal(s_y.Average(), model.Intercept, 1e-8);
    }

    [Fact]
    public void Fit_IntegerWeights_EqualDuplicatedRows()
    {
        double[] weights = [1, 3, 1, 2, 1, 1];
        var duplicatedFeatures = new List<double>();
        var duplicatedTarget = new List<double>();
        for (int i = 0; i < 6; i++)
        {
            for (int copy = 0; copy < weights[i]; copy++)
            {
                duplicatedFeatures.Add(s_x1[i]);
                duplicatedFeatures.Add(s_x2[i]);
                duplicatedTarget.Add(s_y[i]);
            }
        }

        foreach (double l2 in new[] { 0.0, 3.0 })
        {
            var options = new RidgeOptions { L2 = l2 };
            RidgeModel weighted = RidgeTrainer.Fit(RowMajor(s_x1, s_x2), 6, 2, s_y, options, weights);
            RidgeModel duplicated = RidgeTrainer.Fit(duplicatedFeatures.ToArray(), duplicatedTarget.Count, 2, duplicatedTarget.ToArray(), options);

            Assert.Equal(duplicated.Intercept, weighted.Intercept, 1e-9);
            Assert.Equal(duplicated.Coefficients[0], weighted.Coefficients[0], 1e-9);
            Assert.Equal(duplicated.Coefficients[1], weighted.Coefficients[1], 1e-9);
        }
    }

    [Fact]
    public void Model_JsonRoundTrip_GivesBitIdenticalPredictions()
    {
        (double[] features, double[] y) = Synthetic(rows: 200, columns: 5, seed: 7);
        RidgeModel model = RidgeTrainer.Fit(features, 200, 5, y, new RidgeOptions { L2 = 0.37 });

        string json = JsonSerializer.Serialize(model);
        RidgeModel? loaded = JsonSerializer.Deserialize<RidgeModel>(json);

        Assert.NotNull(loaded);
        Assert.Equal(json, JsonSerializer.Serialize(loaded));
        var before = new double[200];
        var after = new double[200];
        model.PredictBatch(features, 200, before);
        loaded.PredictBatch(features, 200, after);
        for (int i = 0; i < 200; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(before[i]), BitConverter.DoubleToInt64Bits(after[i]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(before[i]), BitConverter.DoubleToInt64Bits(loaded.Predict(features.AsSpan(i * 5, 5))));
        }
    }

    [Fact]
    public void Fit_SameInputsTwice_GivesIdenticalModelBytes()
    {
        (double[] features, double[] y) = Synthetic(rows: 500, columns: 8, seed: 11);

        foreach (double l2 in new[] { 0.0, 1.0 })
        {
            string first = JsonSerializer.Serialize(RidgeTrainer.Fit(features, 500, 8, y, new RidgeOptions { L2 = l2 }));
            string second = JsonSerializer.Serialize(RidgeTrainer.Fit(features, 500, 8, y, new RidgeOptions { L2 = l2 }));
            Assert.Equal(first, second);
        }
    }

    [Fact]
    public void Fit_NaNFeature_ThrowsNamingRowAndColumn()
    {
        double[] features = RowMajor(s_x1, s_x2);
        features[(3 * 2) + 1] = double.NaN;

        ArgumentException error = Assert.Throws<ArgumentException>(() => RidgeTrainer.Fit(features, 6, 2, s_y, s_ols));

        Assert.Contains("row 3, column 1", error.Message, StringComparison.Ordinal);
        Assert.Equal("features", error.ParamName);
    }

    [Fact]
    public void Fit_InfiniteTarget_ThrowsNamingRow()
    {
        double[] y = (double[])s_y.Clone();
        y[4] = double.PositiveInfinity;

        ArgumentException error = Assert.Throws<ArgumentException>(() => RidgeTrainer.Fit(RowMajor(s_x1, s_x2), 6, 2, y, s_ols));

        Assert.Contains("row 4", error.Message, StringComparison.Ordinal);
        Assert.Equal("target", error.ParamName);
    }

    [Fact]
    public void Fit_ShapeMismatch_Throws()
    {
        double[] features = RowMajor(s_x1, s_x2);

        ArgumentException wrongFeatures = Assert.Throws<ArgumentException>(() => RidgeTrainer.Fit(features, 6, 3, s_y, s_ols));
        ArgumentException wrongTarget = Assert.Throws<ArgumentException>(() => RidgeTrainer.Fit(features, 6, 2, s_y.AsSpan(0, 5), s_ols));
        ArgumentException wrongWeights = Assert.Throws<ArgumentException>(() => RidgeTrainer.Fit(features, 6, 2, s_y, s_ols, [1.0, 2.0]));

        Assert.Contains("row-major", wrongFeatures.Message, StringComparison.Ordinal);
        Assert.Contains("6 rows", wrongTarget.Message, StringComparison.Ordinal);
        Assert.Equal("sampleWeights", wrongWeights.ParamName);
    }

    [Fact]
    public void Fit_NoRows_Throws()
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(
            () => RidgeTrainer.Fit(ReadOnlySpan<double>.Empty, 0, 2, ReadOnlySpan<double>.Empty, s_ols));

        Assert.Equal("rows", error.ParamName);
    }

    [Fact]
    public void Fit_NegativeWeight_Throws()
    {
        double[] weights = [1, 1, -1, 1, 1, 1];

        ArgumentException error = Assert.Throws<ArgumentException>(() => RidgeTrainer.Fit(RowMajor(s_x1, s_x2), 6, 2, s_y, s_ols, weights));

        Assert.Contains("row 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_NegativeL2_FailsValidation()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RidgeOptions { L2 = -1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => RidgeTrainer.Fit(RowMajor(s_x1, s_x2), 6, 2, s_y, new RidgeOptions { L2 = double.NaN }));
    }

    [Fact]
    public void Options_Defaults_AreDocumentedValues()
    {
        var options = new RidgeOptions();

        Assert.Equal(1.0, options.L2);
        Assert.True(options.FitIntercept);
    }

    [Fact]
    public void Predict_WrongRowLength_Throws()
    {
        RidgeModel model = RidgeTrainer.Fit(RowMajor(s_x1, s_x2), 6, 2, s_y, s_ols);

        Assert.Throws<ArgumentException>(() => model.Predict([1.0, 2.0, 3.0]));
        Assert.Throws<ArgumentException>(() => model.PredictBatch(new double[6], 3, new double[2]));
    }

    internal static double[] RowMajor(params double[][] columns)
    {
        int rows = columns[0].Length;
        var features = new double[rows * columns.Length];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns.Length; j++)
            {
                features[(i * columns.Length) + j] = columns[j][i];
            }
        }

        return features;
    }

    private static (double[] Features, double[] Target) Synthetic(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var features = new double[rows * columns];
        var target = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double y = 0.3;
            for (int j = 0; j < columns; j++)
            {
                double x = (random.NextDouble() * 4) - 2;
                features[(i * columns) + j] = x;
                y += (j + 1) * 0.7 * x;
            }

            target[i] = y + random.NextDouble() - 0.5;
        }

        return (features, target);
    }

    private static double[] SolveByCramer(double[,] a, double[] b)
    {
        double determinant = Determinant(a);
        var solution = new double[3];
        for (int column = 0; column < 3; column++)
        {
            var replaced = (double[,])a.Clone();
            for (int row = 0; row < 3; row++)
            {
                replaced[row, column] = b[row];
            }

            solution[column] = Determinant(replaced) / determinant;
        }

        return solution;
    }

    private static double Determinant(double[,] m) =>
        (m[0, 0] * ((m[1, 1] * m[2, 2]) - (m[1, 2] * m[2, 1])))
        - (m[0, 1] * ((m[1, 0] * m[2, 2]) - (m[1, 2] * m[2, 0])))
        + (m[0, 2] * ((m[1, 0] * m[2, 1]) - (m[1, 1] * m[2, 0])));
}
