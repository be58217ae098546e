using System.Text.Json;
using Sextant.Forecasting.Risk;

namespace Sextant.Core.Tests.Forecasting.Risk;

public sealed class GarchModelTests
{
    private static readonly double[] s_returns =
        GarchSimulator.Simulate(1_500, mu: 3e-4, omega: 4e-6, alpha: 0.09, beta: 0.88, GarchDistribution.StudentT, shape: 5, seed: 21);

    private static readonly GarchModel s_normal = GarchFitter.Fit(s_returns, new GarchOptions());

    private static readonly GarchModel s_studentT = GarchFitter.Fit(s_returns, new GarchOptions { Distribution = GarchDistribution.StudentT });

    [Fact]
    public void ForecastVariance_ClosedForm_EqualsTheRecursionOfExpectedVariances()
    {
        foreach (GarchModel model in new[] { s_normal, s_studentT })
        {
            double[] forecast = model.ForecastVariance(250);

            // E[h_{n+k+1}] = omega + (alpha + beta) E[h_{n+k}], from h_{n+1} = omega + alpha e_n^2 + beta h_n.
            double e = s_returns[^1] - model.Mu;
            double expected = model.Omega + (model.Alpha * e * e) + (model.Beta * model.ConditionalVariances[^1]);
            for (int k = 0; k < forecast.Length; k++)
            {
                Assert.Equal(1, forecast[k] / expected, 1e-13);
                expected = model.Omega + (model.Persistence * expected);
            }

            Assert.Equal(model.NextVariance, forecast[0]);
            Assert.Equal(1, forecast[^1] / model.LongRunVariance, 0.05);
        }
    }

    [Fact]
    public void ForecastVariance_HorizonBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => s_normal.ForecastVariance(0));
    }

    [Fact]
    public void Volatilities_FollowFromTheParameters()
    {
        GarchModel model = s_studentT;

        Assert.Equal(model.Omega / (1 - model.Alpha - model.Beta), model.LongRunVariance, 1e-18);
        Assert.Equal(Math.Sqrt(model.LongRunVariance), model.LongRunVolatility, 1e-15);
        Assert.Equal(Math.Sqrt(252 * model.LongRunVariance), model.AnnualisedLongRunVolatility, 1e-14);
        Assert.Equal(Math.Sqrt(252 * model.NextVariance), model.AnnualisedNextVolatility, 1e-14);
        Assert.Equal(0.5, Math.Pow(model.Persistence, model.HalfLife), 1e-12);

        GarchModel monthly = GarchFitter.Fit(s_returns, new GarchOptions { Distribution = GarchDistribution.StudentT, PeriodsPerYear = 12 });
        Assert.Equal(Math.Sqrt(12 * monthly.LongRunVariance), monthly.AnnualisedLongRunVolatility, 1e-14);
    }

    [Fact]
    public void Aic_And_Bic_CountEveryEstimatedParameter()
    {
        Assert.Equal(4, s_normal.ParameterCount);
        Assert.Equal(5, s_studentT.ParameterCount);
        Assert.Equal((-2 * s_studentT.LogLikelihood) + 10, s_studentT.Aic, 1e-9);
        Assert.Equal((-2 * s_studentT.LogLikelihood) + (5 * Math.Log(1_500)), s_studentT.Bic, 1e-9);
        Assert.True(s_studentT.Aic < s_normal.Aic, "t innovations fit simulated t data better by AIC.");
    }

    [Theory]
    [InlineData(0.01, -2.3263478740408408, -2.665214220345808)]
    [InlineData(0.05, -1.6448536269514726, -2.0627128075074261)]
    public void Innovation_Normal_MatchesQnormAndTheClosedFormTailMean(double tail, double quantile, double tailMean)
    {
        // R: qnorm(tail) and -dnorm(qnorm(tail)) / tail.
        Assert.Equal(quantile, Innovation.Quantile(GarchDistribution.Normal, double.NaN, tail), 1e-12);
        Assert.Equal(tailMean, Innovation.TailMean(GarchDistribution.Normal, double.NaN, tail), 1e-12);
    }

    [Fact]
    public void Innovation_StudentT_IsTheUnitVarianceT()
    {
        // R (fGarch): qstd(0.01, nu = 6) and integrate(function(z) z * dstd(z, nu = 6), -Inf, q)$value / 0.01.
        // The plain t quantile qt(0.01, 6) = -3.1427 would overstate the loss by sqrt(6 / 4).
        Assert.Equal(-2.565978006277, Innovation.Quantile(GarchDistribution.StudentT, 6, 0.01), 1e-9);
        Assert.Equal(-3.292545062816, Innovation.TailMean(GarchDistribution.StudentT, 6, 0.01), 1e-9);
    }

    [Fact]
    public void ParametricRisk_IsMeanPlusNextVolatilityTimesTheInnovationTail()
    {
        foreach (GarchModel model in new[] { s_normal, s_studentT })
        {
            double shape = model.Shape ?? double.NaN;
            TailRisk risk = model.ParametricRisk(0.99);

            Assert.Equal(0.99, risk.Level);
            Assert.Equal(-(model.Mu + (model.NextVolatility * Innovation.Quantile(model.Distribution, shape, 0.01))), risk.ValueAtRisk, 1e-15);
            Assert.Equal(-(model.Mu + (model.NextVolatility * Innovation.TailMean(model.Distribution, shape, 0.01))), risk.ExpectedShortfall, 1e-15);
            Assert.True(risk.ExpectedShortfall > risk.ValueAtRisk);
            Assert.True(risk.ValueAtRisk > model.ParametricRisk(0.95).ValueAtRisk);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void ParametricRisk_LevelOutsideZeroOne_Throws(double level)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => s_normal.ParametricRisk(level));
    }

    [Fact]
    public void HistoricalRisk_OfTheModel_IsThatOfItsReturns()
    {
        Assert.Equal(HistoricalRisk.Compute(s_returns, 0.95), s_normal.HistoricalRisk(0.95));
    }

    [Fact]
    public void Summarise_HoldsEstimatesVolatilitiesAndRiskAtBothLevels_AndSerialisesToJson()
    {
        RiskSummary summary = s_studentT.Summarise(horizon: 5);

        Assert.Equal("GARCH(1,1)", summary.Model);
        Assert.Equal(1_500, summary.Observations);
        Assert.Equal(["mu", "omega", "alpha1", "beta1", "shape"], summary.Coefficients.Select(c => c.Name));
        Assert.Equal(s_studentT.ForecastVariance(5).Select(Math.Sqrt), summary.VolatilityForecast);
        Assert.Equal([0.95, 0.99], summary.Parametric.Select(r => r.Level));
        Assert.Equal([0.95, 0.99], summary.Historical.Select(r => r.Level));
        Assert.Equal(s_studentT.ParametricRisk(0.99), summary.Parametric[1]);
        Assert.Equal(s_studentT.AnnualisedNextVolatility, summary.AnnualisedNextVolatility);

        string json = JsonSerializer.Serialize(summary);
        using JsonDocument document = JsonDocument.Parse(json);
        Assert.Equal("StudentT", document.RootElement.GetProperty("Distribution").GetString());
        Assert.Equal(5, document.RootElement.GetProperty("Coefficients").GetArrayLength());
        Assert.Equal(summary.Parametric[0].ValueAtRisk, document.RootElement.GetProperty("Parametric")[0].GetProperty("ValueAtRisk").GetDouble());
    }
}
