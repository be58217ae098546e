using Sextant.Learners.GradientBoosting;
using Sextant.Models;

namespace Sextant.Core.Tests.Models;

public sealed class PredictionIntervalTests
{
    [Fact]
    public void Calibrate_TakesTheCeilNPlus1TimesCoverageSmallestResidual()
    {
        // Residuals 1..9: ceil((9 + 1) * 0.8) = 8, so the half-width is the 8th smallest residual.
        double[] actual = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        var predicted = new double[9];

        var interval = PredictionInterval.Calibrate(actual, predicted, 0.8);

        Assert.Equal(8, interval.HalfWidth);
        Assert.Equal(9, interval.CalibrationRows);
        Assert.Equal("split_conformal", interval.Method);
        Assert.Equal(("p10", "p90"), (interval.LowerName, interval.UpperName));
    }

    [Fact]
    public void Calibrate_FewRowsForHighCoverage_UsesTheLargestResidual()
    {
        var interval = PredictionInterval.Calibrate([3.0, -5.0], [0.0, 0.0], 0.95);

        Assert.Equal(5, interval.HalfWidth);
        Assert.Equal(("p2.5", "p97.5"), (interval.LowerName, interval.UpperName));
    }

    [Fact]
    public void CoverageOf_HeldOutRowsFromTheSameNoise_IsCloseToNominal()
    {
        var random = new Random(7);
        double Noise() => random.NextDouble() * 2 - 1;
        var calibration = Enumerable.Range(0, 5000).Select(_ => Noise()).ToArray();
        var test = Enumerable.Range(0, 5000).Select(_ => Noise()).ToArray();

        var interval = PredictionInterval.Calibrate(calibration, new double[5000], 0.8);

        // Uniform(-1, 1) residuals: the 80% half-width is 0.8 and about 80% of fresh rows fall inside.
        Assert.Equal(0.8, interval.HalfWidth, 1);
        var (lower, upper) = interval.Bounds(new double[5000], new double[5000]);
        Assert.InRange(PredictionInterval.CoverageOf(test, lower, upper), 0.78, 0.82);
        var (low, high) = interval.Bounds(10, [1.0]);
        Assert.Equal(low + 2 * interval.HalfWidth, high, 12);
        Assert.False(interval.IsAdaptive);
    }

    // y = x + noise whose spread grows with x (0.1 at x = 0, 2.1 at x = 1): one width cannot fit every row.
    private static (double[] X, double[] Y) Heteroscedastic(int rows, int seed)
    {
        var random = new Random(seed);
        var x = new double[rows];
        var y = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            x[i] = random.NextDouble();
            y[i] = x[i] + ((0.1 + (2 * x[i])) * ((2 * random.NextDouble()) - 1));
        }

        return (x, y);
    }

    [Fact]
    public void Cqr_HeteroscedasticNoise_CoversNominallyAndAdaptsItsWidth()
    {
        var (xFit, yFit) = Heteroscedastic(4000, 1);
        var (xCal, yCal) = Heteroscedastic(2000, 2);
        var (xTest, yTest) = Heteroscedastic(4000, 3);
        GradientBoostingModel Quantile(double alpha) => GradientBoostingTrainer.Fit(xFit, xFit.Length, 1, yFit,
            new GradientBoostingOptions { Loss = GradientBoostingLoss.Quantile, QuantileAlpha = alpha, Rounds = 200, Seed = 1 });
        var lowerModel = Quantile(0.1);
        var upperModel = Quantile(0.9);
        var lowerCal = new double[xCal.Length];
        var upperCal = new double[xCal.Length];
        lowerModel.PredictBatch(xCal, xCal.Length, lowerCal);
        upperModel.PredictBatch(xCal, xCal.Length, upperCal);

        var cqr = PredictionInterval.CalibrateQuantiles(yCal, lowerCal, upperCal, 0.8, lowerModel, upperModel);
        var split = PredictionInterval.Calibrate(yCal, xCal, 0.8); // the point prediction x, one width

        Assert.True(cqr.IsAdaptive);
        Assert.Equal(PredictionInterval.Cqr, cqr.Method);
        var (lower, upper) = cqr.Bounds(xTest, xTest);
        var (splitLower, splitUpper) = split.Bounds(xTest, xTest);
        Assert.InRange(PredictionInterval.CoverageOf(yTest, lower, upper), 0.77, 0.83);
        Assert.All(Enumerable.Range(0, xTest.Length), i => Assert.InRange(xTest[i], lower[i], upper[i]));

        // Where the noise is large (x > 0.8) one width under-covers; CQR's width follows the noise and stays near 80%.
        var noisy = Enumerable.Range(0, xTest.Length).Where(i => xTest[i] > 0.8).ToArray();
        double CoverageIn(int[] rows, double[] lo, double[] hi) => rows.Count(i => yTest[i] >= lo[i] && yTest[i] <= hi[i]) / (double)rows.Length;
        Assert.InRange(CoverageIn(noisy, lower, upper), 0.72, 0.88);
        Assert.True(CoverageIn(noisy, splitLower, splitUpper) < 0.7, $"one width should under-cover the noisiest rows: {CoverageIn(noisy, splitLower, splitUpper)}");
        var quiet = Enumerable.Range(0, xTest.Length).Where(i => xTest[i] < 0.2).ToArray();
        Assert.True(quiet.Average(i => upper[i] - lower[i]) < 0.5 * noisy.Average(i => upper[i] - lower[i]), "CQR intervals should be narrow where the noise is small.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Calibrate_CoverageOutsideZeroToOne_Throws(double coverage) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PredictionInterval.Calibrate([1.0], [0.0], coverage));
}
