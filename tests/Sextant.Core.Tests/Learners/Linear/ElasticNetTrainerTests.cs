using Sextant.Learners.Linear;

namespace Sextant.Core.Tests.Learners.Linear;

/// <summary>
/// Lasso and elastic net by coordinate descent: checked against the optimality (KKT) conditions of the objective,
/// against ridge when the L1 share is zero, and on sparse recovery.
/// </summary>
public sealed class ElasticNetTrainerTests
{
    private const int Rows = 200;
    private const int Columns = 20;

    // Correlated features (each shares a common factor), y = 3 x0 - 2 x5 + 1.5 x10 + 4 + noise.
    private static (double[] X, double[] Y) Data(int seed = 7, double noise = 0.1)
    {
        var random = new Random(seed);
        var x = new double[Rows * Columns];
        var y = new double[Rows];
        for (int i = 0; i < Rows; i++)
        {
            double common = Gaussian(random);
            for (int j = 0; j < Columns; j++)
            {
                x[(i * Columns) + j] = (0.5 * common) + Gaussian(random) + (j * 0.1);
            }

            y[i] = 4 + (3 * x[i * Columns]) - (2 * x[(i * Columns) + 5]) + (1.5 * x[(i * Columns) + 10]) + (noise * Gaussian(random));
        }

        return (x, y);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Theory]
    [InlineData(0.05, 1.0)]
    [InlineData(0.3, 1.0)]
    [InlineData(0.1, 0.5)]
    [InlineData(1.0, 0.2)]
    public void Fit_SatisfiesTheOptimalityConditions(double alpha, double l1Ratio)
    {
        var (x, y) = Data();

        RidgeModel model = ElasticNetTrainer.Fit(x, Rows, Columns, y, new ElasticNetOptions { Alpha = alpha, L1Ratio = l1Ratio, Tolerance = 1e-12 });

        // Stationarity: (1/n) x_j.(y - f) - alpha (1 - l1) b_j = alpha l1 sign(b_j) where b_j != 0, and |.| <= alpha l1 where b_j = 0.
        double l1 = alpha * l1Ratio;
        double l2 = alpha * (1 - l1Ratio);
        var residual = new double[Rows];
        for (int i = 0; i < Rows; i++)
        {
            residual[i] = y[i] - model.Predict(x.AsSpan(i * Columns, Columns));
        }

        Assert.Equal(0, residual.Average(), 9);
        for (int j = 0; j < Columns; j++)
        {
            double mean = Enumerable.Range(0, Rows).Average(i => x[(i * Columns) + j]);
            double gradient = Enumerable.Range(0, Rows).Sum(i => (x[(i * Columns) + j] - mean) * residual[i]) / Rows;
            double b = model.Coefficients[j];
            if (b != 0)
            {
                Assert.Equal(l1 * Math.Sign(b), gradient - (l2 * b), 6);
            }
            else
            {
                Assert.True(Math.Abs(gradient) <= l1 + 1e-9, $"column {j}: |gradient| {Math.Abs(gradient)} exceeds alpha * l1 = {l1} at a zero coefficient.");
            }
        }
    }

    [Fact]
    public void Fit_L1RatioZero_IsRidgeWithL2AlphaTimesRows()
    {
        var (x, y) = Data();

        RidgeModel net = ElasticNetTrainer.Fit(x, Rows, Columns, y, new ElasticNetOptions { Alpha = 0.5, L1Ratio = 0, Tolerance = 1e-14, MaxIterations = 100_000 });
        RidgeModel ridge = RidgeTrainer.Fit(x, Rows, Columns, y, new RidgeOptions { L2 = 0.5 * Rows });

        Assert.Equal(ridge.Intercept, net.Intercept, 6);
        for (int j = 0; j < Columns; j++)
        {
            Assert.Equal(ridge.Coefficients[j], net.Coefficients[j], 6);
        }
    }

    [Fact]
    public void Fit_Lasso_RecoversTheSparseSupport()
    {
        var (x, y) = Data();

        RidgeModel model = ElasticNetTrainer.Fit(x, Rows, Columns, y, new ElasticNetOptions { Alpha = 0.05, L1Ratio = 1 });

        int[] support = [.. Enumerable.Range(0, Columns).Where(j => model.Coefficients[j] != 0)];
        Assert.Equal([0, 5, 10], support);
        Assert.Equal(3, model.Coefficients[0], 0.1);
        Assert.Equal(-2, model.Coefficients[5], 0.1);
        Assert.Equal(1.5, model.Coefficients[10], 0.1);
    }

    [Fact]
    public void Fit_AlphaAtLeastAlphaMax_GivesAllZeroCoefficientsAndTheMean()
    {
        var (x, y) = Data();
        // alpha_max = max_j |(1/n) x_j.(y - mean y)| / l1: the smallest alpha at which every coefficient is zero.
        double alphaMax = Enumerable.Range(0, Columns).Max(j =>
        {
            double mean = Enumerable.Range(0, Rows).Average(i => x[(i * Columns) + j]);
            return Math.Abs(Enumerable.Range(0, Rows).Sum(i => (x[(i * Columns) + j] - mean) * (y[i] - y.Average())) / Rows);
        });

        RidgeModel none = ElasticNetTrainer.Fit(x, Rows, Columns, y, new ElasticNetOptions { Alpha = alphaMax * 1.0001, L1Ratio = 1 });
        RidgeModel one = ElasticNetTrainer.Fit(x, Rows, Columns, y, new ElasticNetOptions { Alpha = alphaMax * 0.99, L1Ratio = 1 });

        Assert.All(none.Coefficients, c => Assert.Equal(0.0, c));
        Assert.Equal(y.Average(), none.Intercept, 9);
        Assert.Equal(1, one.Coefficients.Count(c => c != 0));
    }

    [Fact]
    public void Fit_IntegerWeights_EqualRepeatedRows()
    {
        var (x, y) = Data(seed: 3);
        var weights = Enumerable.Range(0, Rows).Select(i => (double)(1 + (i % 3))).ToArray();
        var repeatedX = new List<double>();
        var repeatedY = new List<double>();
        for (int i = 0; i < Rows; i++)
        {
            for (int k = 0; k < weights[i]; k++)
            {
                repeatedX.AddRange(x.AsSpan(i * Columns, Columns).ToArray());
                repeatedY.Add(y[i]);
            }
        }

        var options = new ElasticNetOptions { Alpha = 0.1, L1Ratio = 0.7, Tolerance = 1e-12 };
        RidgeModel weighted = ElasticNetTrainer.Fit(x, Rows, Columns, y, options, weights);
        RidgeModel repeated = ElasticNetTrainer.Fit([.. repeatedX], repeatedY.Count, Columns, [.. repeatedY], options);

        Assert.Equal(repeated.Intercept, weighted.Intercept, 7);
        for (int j = 0; j < Columns; j++)
        {
            Assert.Equal(repeated.Coefficients[j], weighted.Coefficients[j], 7);
        }
    }

    [Fact]
    public void Fit_SameInputs_BitIdenticalModels()
    {
        var (x, y) = Data();
        var options = new ElasticNetOptions { Alpha = 0.1 };

        var a = ElasticNetTrainer.Fit(x, Rows, Columns, y, options);
        var b = ElasticNetTrainer.Fit(x, Rows, Columns, y, options);

        Assert.Equal(a.Intercept, b.Intercept);
        Assert.Equal(a.Coefficients, b.Coefficients);
    }

    [Theory]
    [InlineData(-1, 0.5, "Alpha")]
    [InlineData(double.NaN, 0.5, "Alpha")]
    [InlineData(1, 1.5, "L1Ratio")]
    [InlineData(1, -0.1, "L1Ratio")]
    public void Validate_OutOfRange_ThrowsNamingTheOption(double alpha, double l1Ratio, string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ElasticNetOptions { Alpha = alpha, L1Ratio = l1Ratio }.Validate());

        Assert.Equal(name, error.ParamName);
    }
}
