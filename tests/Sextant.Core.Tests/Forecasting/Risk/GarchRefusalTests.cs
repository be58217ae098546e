using Sextant.Forecasting.Risk;

namespace Sextant.Core.Tests.Forecasting.Risk;

public sealed class GarchRefusalTests
{
    private static readonly double[] s_returns =
        GarchSimulator.Simulate(400, mu: 0, omega: 1e-5, alpha: 0.1, beta: 0.85, GarchDistribution.Normal, shape: 0, seed: 1);

    [Fact]
    public void Fit_FewerReturnsThanTheDefaultMinimum_RefusesWithNotEnoughData()
    {
        var exception = Assert.Throws<NotEnoughDataException>(() => GarchFitter.Fit(s_returns.AsSpan(0, 249), new GarchOptions()));

        Assert.Equal(249, exception.Observations);
        Assert.Equal(250, exception.Minimum);
        Assert.Equal("Not enough data: a GARCH(1,1) fit needs at least 250 returns but got 249.", exception.Message);
        Assert.IsAssignableFrom<SextantException>(exception);
    }

    [Fact]
    public void Fit_ExactlyTheMinimum_Fits()
    {
        GarchModel model = GarchFitter.Fit(s_returns.AsSpan(0, 250), new GarchOptions());

        Assert.Equal(250, model.Observations);
    }

    [Fact]
    public void Fit_RaisedMinimum_RefusesBelowIt()
    {
        var exception = Assert.Throws<NotEnoughDataException>(() => GarchFitter.Fit(s_returns, new GarchOptions { MinimumObservations = 500 }));

        Assert.Equal(500, exception.Minimum);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Fit_NonFiniteReturn_RefusesNamingIt(double bad)
    {
        double[] returns = (double[])s_returns.Clone();
        returns[123] = bad;

        var exception = Assert.Throws<DegenerateSeriesException>(() => GarchFitter.Fit(returns, new GarchOptions()));

        Assert.StartsWith("Return 123 is ", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.001)]
    public void Fit_ConstantReturns_RefusesAsDegenerate(double value)
    {
        double[] returns = Enumerable.Repeat(value, 300).ToArray();

        var exception = Assert.Throws<DegenerateSeriesException>(() => GarchFitter.Fit(returns, new GarchOptions { Distribution = GarchDistribution.StudentT }));

        Assert.Contains("constant", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_FromConstantPrices_RefusesAsDegenerate()
    {
        double[] returns = Returns.FromPrices(Enumerable.Repeat(101.5, 301).ToArray(), ReturnKind.Log);

        Assert.Throws<DegenerateSeriesException>(() => GarchFitter.Fit(returns, new GarchOptions()));
    }

    [Theory]
    [InlineData(99, 252)]
    [InlineData(250, 0)]
    [InlineData(250, double.NaN)]
    public void Validate_OutOfRangeOption_Throws(int minimum, double periodsPerYear)
    {
        var options = new GarchOptions { MinimumObservations = minimum, PeriodsPerYear = periodsPerYear };

        Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Throws<ArgumentOutOfRangeException>(() => GarchFitter.Fit(s_returns, options));
    }

    [Fact]
    public void Validate_Defaults_AreAsDocumented()
    {
        var options = new GarchOptions();

        options.Validate();
        Assert.Equal(GarchDistribution.Normal, options.Distribution);
        Assert.True(options.IncludeMean);
        Assert.Equal(252, options.PeriodsPerYear);
        Assert.Equal(250, options.MinimumObservations);
    }
}
