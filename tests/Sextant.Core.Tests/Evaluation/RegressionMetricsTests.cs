using Sextant.Evaluation;

namespace Sextant.Core.Tests.Evaluation;

public sealed class RegressionMetricsTests
{
    [Fact]
    public void Compute_PerfectPrediction_R2IsOneAndErrorsZero()
    {
        double[] actual = [1.5, -2, 3, 10];

        RegressionMetrics metrics = RegressionMetrics.Compute(actual, actual);

        Assert.Equal(1.0, metrics.R2);
        Assert.Equal(0.0, metrics.Rmse);
        Assert.Equal(0.0, metrics.Mae);
        Assert.Equal(0.0, metrics.Mape);
        Assert.Equal(0.0, metrics.Smape);
        Assert.Equal(4, metrics.Count);
    }

    [Fact]
    public void Compute_KnownExample_MatchesHandComputation()
    {
        // Errors 0.5, 0, -1, 1: MSE 2.25 / 4, SS_tot 5.
        RegressionMetrics metrics = RegressionMetrics.Compute([1, 2, 3, 4], [1.5, 2, 2, 5]);

        Assert.Equal(0.75, metrics.Rmse, 1e-15);
        Assert.Equal(0.625, metrics.Mae, 1e-15);
        Assert.Equal(1 - (2.25 / 5), metrics.R2, 1e-15);
        Assert.Equal(100 * (0.5 + 0 + (1.0 / 3) + 0.25) / 4, metrics.Mape, 1e-12);
        Assert.Equal(100 * ((1 / 2.5) + 0 + (2 / 5.0) + (2 / 9.0)) / 4, metrics.Smape, 1e-12);
    }

    [Fact]
    public void Compute_ZeroActual_IsSkippedByMapeButNotSmape()
    {
        RegressionMetrics metrics = RegressionMetrics.Compute([0, 2], [1, 3]);

        Assert.Equal(50.0, metrics.Mape, 1e-12);
        Assert.Equal(100 * (2.0 + (2.0 / 5)) / 2, metrics.Smape, 1e-12);
    }

    [Fact]
    public void Compute_ValuesNearZero_SmapeIsSafeAndMapeIsNaN()
    {
        RegressionMetrics metrics = RegressionMetrics.Compute([0, 1e-300, 1e-13], [0, 0, -1e-13]);

        Assert.True(double.IsNaN(metrics.Mape));
        Assert.Equal(100 * (0 + 2 + 2) / 3.0, metrics.Smape, 1e-12);
    }

    [Fact]
    public void Compute_ConstantActual_R2IsZeroUnlessPerfect()
    {
        Assert.Equal(0.0, RegressionMetrics.Compute([3, 3, 3], [3, 4, 3]).R2);
        Assert.Equal(1.0, RegressionMetrics.Compute([3, 3, 3], [3, 3, 3]).R2);
    }

    [Fact]
    public void Compute_PredictingTheMean_R2IsZero()
    {
        Assert.Equal(0.0, RegressionMetrics.Compute([1, 2, 3], [2, 2, 2]).R2, 1e-15);
    }

    [Fact]
    public void Compute_BadInputs_ThrowClearly()
    {
        ArgumentException lengths = Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute([1, 2], [1]));
        ArgumentException nan = Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute([1, 2, 3], [1, double.NaN, 3]));

        Assert.Equal("predicted", lengths.ParamName);
        Assert.Contains("row 1", nan.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute(ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty));
    }
}
