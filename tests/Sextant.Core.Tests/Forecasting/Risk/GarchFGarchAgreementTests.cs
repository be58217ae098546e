using Sextant.Forecasting.Risk;

namespace Sextant.Core.Tests.Forecasting.Risk;

/// <summary>
/// GARCH(1,1) fits of the 1,859 DAX log returns of R's EuStockMarkets against fGarch 4022.89's <c>garchFit</c>
/// (the calls and numbers are in <see cref="FGarchReference"/>). Measured: estimates within 8e-5 relative, log-likelihoods
/// within 3e-8, standard errors within 1.5% of fGarch's (its coarse Hessian step) and within 6e-4 of a fine-step Hessian.
/// </summary>
public sealed class GarchFGarchAgreementTests
{
    private const double EstimateTolerance = 5e-4;
    private const double LogLikelihoodTolerance = 1e-4;

    private static readonly double[] s_daxReturns = Returns.FromPrices(EuStockMarketsDax.Closes, ReturnKind.Log);

    public static TheoryData<string> Cases =>
    [
        nameof(FGarchReference.NormalWithMean),
        nameof(FGarchReference.NormalWithoutMean),
        nameof(FGarchReference.StudentTWithMean),
        nameof(FGarchReference.StudentTWithoutMean),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_DaxReturns_EstimatesAndLogLikelihoodMatchFGarch(string name)
    {
        FGarchReference reference = FGarchReference.ByName(name);

        GarchModel model = GarchFitter.Fit(s_daxReturns, Options(reference));

        Assert.Equal(1859, model.Observations);
        Assert.Equal(reference.Names, model.Coefficients.Select(c => c.Name));
        for (int i = 0; i < reference.Names.Length; i++)
        {
            AssertRelative(reference.Estimates[i], model.Coefficients[i].Estimate, EstimateTolerance, reference.Names[i]);
        }

        Assert.Equal(reference.LogLikelihood, model.LogLikelihood, LogLikelihoodTolerance);
        Assert.Equal(reference.Aic, model.Aic, 2 * LogLikelihoodTolerance);
        Assert.Equal(reference.Bic, model.Bic, 2 * LogLikelihoodTolerance);
        Assert.True(model.LogLikelihood >= reference.LogLikelihood - 1e-6, "Our maximum is not below fGarch's.");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_DaxReturns_StandardErrorsMatchFGarchAndAFineHessian(string name)
    {
        FGarchReference reference = FGarchReference.ByName(name);

        GarchModel model = GarchFitter.Fit(s_daxReturns, Options(reference));

        for (int i = 0; i < reference.Names.Length; i++)
        {
            double standardError = model.Coefficients[i].StandardError;
            AssertRelative(reference.StandardErrors[i], standardError, 0.02, reference.Names[i] + " (fGarch)");
            AssertRelative(reference.FineStandardErrors[i], standardError, 2e-3, reference.Names[i] + " (fine Hessian)");
            Assert.Equal(model.Coefficients[i].Estimate / standardError, model.Coefficients[i].TValue, 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_DaxReturns_VariancesAndForecastsMatchFGarch(string name)
    {
        FGarchReference reference = FGarchReference.ByName(name);

        GarchModel model = GarchFitter.Fit(s_daxReturns, Options(reference));
        double[] forecast = model.ForecastVariance(reference.ForecastSigma.Length);

        AssertRelative(reference.LastVariance, model.ConditionalVariances[^1], 1e-4, "last h_t");
        for (int k = 0; k < forecast.Length; k++)
        {
            AssertRelative(reference.ForecastSigma[k], Math.Sqrt(forecast[k]), 1e-4, $"sigma at {k + 1}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ParametricRisk_DaxReturns_MatchesTheSameFormulasInRFromFGarchEstimates(string name)
    {
        FGarchReference reference = FGarchReference.ByName(name);

        GarchModel model = GarchFitter.Fit(s_daxReturns, Options(reference));
        TailRisk at95 = model.ParametricRisk(0.95);
        TailRisk at99 = model.ParametricRisk(0.99);

        AssertRelative(reference.ParametricRisk[0], at95.ValueAtRisk, 1e-4, "VaR 95%");
        AssertRelative(reference.ParametricRisk[1], at95.ExpectedShortfall, 1e-4, "CVaR 95%");
        AssertRelative(reference.ParametricRisk[2], at99.ValueAtRisk, 1e-4, "VaR 99%");
        AssertRelative(reference.ParametricRisk[3], at99.ExpectedShortfall, 1e-4, "CVaR 99%");
    }

    [Fact]
    public void HistoricalRisk_DaxReturns_MatchesRQuantileType7()
    {
        // R: q <- quantile(x, 1 - level, type = 7); c(-q, -mean(x[x <= q])) (bench/anchors/garch.R).
        TailRisk at95 = HistoricalRisk.Compute(s_daxReturns, 0.95);
        TailRisk at99 = HistoricalRisk.Compute(s_daxReturns, 0.99);

        Assert.Equal(1.5778844797e-02, at95.ValueAtRisk, 1e-12);
        Assert.Equal(2.3669126055e-02, at95.ExpectedShortfall, 1e-12);
        Assert.Equal(2.7752506356e-02, at99.ValueAtRisk, 1e-12);
        Assert.Equal(3.7035579307e-02, at99.ExpectedShortfall, 1e-12);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LogLikelihood_AtFGarchEstimates_EqualsFGarchLogLikelihood(string name)
    {
        FGarchReference reference = FGarchReference.ByName(name);
        var layout = new GarchLayout(reference.IncludeMean, reference.StudentT);

        double logLikelihood = GarchLikelihood.Evaluate(s_daxReturns, layout, reference.Estimates, default, default);

        // fGarch prints 11 significant digits of the estimates; the likelihood is flat at its optimum, so this is tight.
        Assert.Equal(reference.LogLikelihood, logLikelihood, 1e-6);
    }

    private static GarchOptions Options(FGarchReference reference) => new()
    {
        Distribution = reference.StudentT ? GarchDistribution.StudentT : GarchDistribution.Normal,
        IncludeMean = reference.IncludeMean,
    };

    private static void AssertRelative(double expected, double actual, double tolerance, string what)
    {
        double relative = Math.Abs((actual / expected) - 1);
        Assert.True(relative <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (relative difference {relative:E2} > {tolerance:E2}).");
    }
}
