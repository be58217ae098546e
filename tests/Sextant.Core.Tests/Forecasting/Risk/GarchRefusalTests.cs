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
    [InlineData(GarchDistribution.Normal)]
    [InlineData(GarchDistribution.StudentT)]
    public void Fit_IndependentReturns_RefusesBecauseThereIsNoVolatilityClustering(GarchDistribution distribution)
    {
        // Independent normal returns: the likelihood is maximised at alpha = 0, on a ridge where omega / (1 - beta) is
        // the sample variance for every beta. (On set.seed(1); rnorm(1000) * 0.01, fGarch stops at its bound-adjacent
        // alpha = 6e-4, beta = 0.992 under "norm", and fails to invert its Hessian under "std".)
        double[] returns = GarchSimulator.Simulate(1_000, mu: 0, omega: 1e-4, alpha: 0, beta: 0, GarchDistribution.Normal, shape: 0, seed: 1);

        var exception = Assert.Throws<GarchBoundaryException>(() => GarchFitter.Fit(returns, new GarchOptions { Distribution = distribution }));

        Assert.StartsWith("The returns show no volatility clustering", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ExplosiveVariance_RefusesAtTheStationarityBoundary()
    {
        // alpha + beta = 1.02: the constrained optimum sits on alpha + beta = 1, where there is no long-run variance.
        double[] returns = GarchSimulator.Simulate(3_000, mu: 0, omega: 1e-6, alpha: 0.2, beta: 0.82, GarchDistribution.Normal, shape: 0, seed: 1);

        var exception = Assert.Throws<GarchBoundaryException>(() => GarchFitter.Fit(returns, new GarchOptions()));

        Assert.StartsWith("The likelihood is highest at alpha + beta = 1", exception.Message, StringComparison.Ordinal);
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
