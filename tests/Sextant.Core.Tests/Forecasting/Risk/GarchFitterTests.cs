using Sextant.Forecasting.Risk;

namespace Sextant.Core.Tests.Forecasting.Risk;

public sealed class GarchFitterTests
{
    [Fact]
    public void Fit_SimulatedNormalGarch_RecoversKnownParameters()
    {
        double[] returns = GarchSimulator.Simulate(20_000, mu: 5e-4, omega: 2e-6, alpha: 0.08, beta: 0.9, GarchDistribution.Normal, shape: 0, seed: 7);

        GarchModel model = GarchFitter.Fit(returns, new GarchOptions());

        Assert.Equal(5e-4, model.Mu, 2e-4);
        Assert.InRange(model.Omega, 1.4e-6, 2.6e-6);
        Assert.Equal(0.08, model.Alpha, 0.015);
        Assert.Equal(0.9, model.Beta, 0.015);
        Assert.Equal(0.98, model.Persistence, 0.005);
        Assert.Null(model.Shape);
        AssertWithinStandardErrors(model, [5e-4, 2e-6, 0.08, 0.9], 4);
    }

    [Fact]
    public void Fit_SimulatedStudentTGarch_RecoversKnownParametersAndShape()
    {
        double[] returns = GarchSimulator.Simulate(20_000, mu: 0, omega: 1e-5, alpha: 0.1, beta: 0.85, GarchDistribution.StudentT, shape: 6, seed: 11);

        GarchModel model = GarchFitter.Fit(returns, new GarchOptions { Distribution = GarchDistribution.StudentT, IncludeMean = false });

        Assert.InRange(model.Omega, 0.7e-5, 1.3e-5);
        Assert.Equal(0.1, model.Alpha, 0.015);
        Assert.Equal(0.85, model.Beta, 0.02);
        Assert.NotNull(model.Shape);
        Assert.Equal(6, model.Shape.Value, 0.8);
        AssertWithinStandardErrors(model, [1e-5, 0.1, 0.85, 6], 4);
    }

    [Fact]
    public void Fit_StudentTOnNormalData_PutsTheShapeFarAboveTheTailsOfRealReturns()
    {
        double[] returns = GarchSimulator.Simulate(5_000, mu: 0, omega: 1e-5, alpha: 0.1, beta: 0.85, GarchDistribution.Normal, shape: 0, seed: 3);

        GarchModel model = GarchFitter.Fit(returns, new GarchOptions { Distribution = GarchDistribution.StudentT });

        Assert.NotNull(model.Shape);
        Assert.InRange(model.Shape.Value, 20, GarchFitter.MaximumShape);
    }

    [Fact]
    public void Fit_SameReturnsTwice_GivesIdenticalModels()
    {
        double[] returns = GarchSimulator.Simulate(2_000, mu: 0, omega: 1e-5, alpha: 0.1, beta: 0.85, GarchDistribution.Normal, shape: 0, seed: 5);
        var options = new GarchOptions { Distribution = GarchDistribution.StudentT };

        GarchModel first = GarchFitter.Fit(returns, options);
        GarchModel second = GarchFitter.Fit(returns, options);

        Assert.Equal(first.Coefficients, second.Coefficients);
        Assert.Equal(first.LogLikelihood, second.LogLikelihood);
    }

    [Fact]
    public void Fit_ReturnsInPercent_ScaleEstimatesAsTheUnitsDo()
    {
        double[] returns = GarchSimulator.Simulate(3_000, mu: 4e-4, omega: 2e-6, alpha: 0.07, beta: 0.9, GarchDistribution.Normal, shape: 0, seed: 9);
        double[] percent = returns.Select(r => 100 * r).ToArray();

        GarchModel model = GarchFitter.Fit(returns, new GarchOptions());
        GarchModel inPercent = GarchFitter.Fit(percent, new GarchOptions());

        Assert.Equal(model.Mu * 100, inPercent.Mu, 1e-6 * 100);
        Assert.Equal(1, inPercent.Omega / (model.Omega * 1e4), 1e-5);
        Assert.Equal(model.Alpha, inPercent.Alpha, 1e-6);
        Assert.Equal(model.Beta, inPercent.Beta, 1e-6);
        Assert.Equal(model.LogLikelihood - (returns.Length * Math.Log(100)), inPercent.LogLikelihood, 1e-6);
    }

    [Fact]
    public void Fit_Constraints_HoldOnEveryFit()
    {
        double[] returns = GarchSimulator.Simulate(1_000, mu: 0, omega: 1e-6, alpha: 0.05, beta: 0.94, GarchDistribution.Normal, shape: 0, seed: 13);

        GarchModel model = GarchFitter.Fit(returns, new GarchOptions { Distribution = GarchDistribution.StudentT });

        Assert.True(model.Omega > 0);
        Assert.True(model.Alpha >= 0);
        Assert.True(model.Beta >= 0);
        Assert.True(model.Persistence < 1);
        Assert.True(model.Shape > 2);
    }

    [Fact]
    public void ConditionalVariances_FollowTheMciRecursion()
    {
        double[] returns = GarchSimulator.Simulate(1_000, mu: 1e-3, omega: 1e-5, alpha: 0.1, beta: 0.85, GarchDistribution.Normal, shape: 0, seed: 17);

        GarchModel model = GarchFitter.Fit(returns, new GarchOptions());
        IReadOnlyList<double> h = model.ConditionalVariances;

        double meanSquare = returns.Select(r => (r - model.Mu) * (r - model.Mu)).Average();
        Assert.Equal(model.Omega + (model.Persistence * meanSquare), h[0], 1e-15);
        for (int t = 1; t < returns.Length; t++)
        {
            double e = returns[t - 1] - model.Mu;
            Assert.Equal(model.Omega + (model.Alpha * e * e) + (model.Beta * h[t - 1]), h[t], 1e-15);
        }
    }

    private static void AssertWithinStandardErrors(GarchModel model, double[] truth, double multiple)
    {
        for (int i = 0; i < truth.Length; i++)
        {
            GarchCoefficient c = model.Coefficients[i];
            Assert.True(double.IsFinite(c.StandardError) && c.StandardError > 0, $"{c.Name}: standard error {c.StandardError}.");
            Assert.True(
                Math.Abs(c.Estimate - truth[i]) <= multiple * c.StandardError,
                $"{c.Name}: estimate {c.Estimate:R} is more than {multiple} standard errors ({c.StandardError:R}) from {truth[i]:R}.");
        }
    }
}
