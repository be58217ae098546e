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
        Assert.InRange(interval.CoverageOf(test, new double[5000]), 0.78, 0.82);
        Assert.Equal(interval.Lower(10) + 2 * interval.HalfWidth, interval.Upper(10), 12);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Calibrate_CoverageOutsideZeroToOne_Throws(double coverage) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PredictionInterval.Calibrate([1.0], [0.0], coverage));
}
