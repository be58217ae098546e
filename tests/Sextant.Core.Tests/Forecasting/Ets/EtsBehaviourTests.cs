using Sextant.Forecasting;
using Sextant.Forecasting.Ets;

namespace Sextant.Core.Tests.Forecasting.Ets;

public sealed class EtsBehaviourTests
{
    [Fact]
    public void Forecast_MultiplicativeTrend_SimulatesIntervalsCloseToRs()
    {
        // ets(AirPassengers, "MMM", damped = FALSE): R simulates 5000 paths (set.seed(1)); our paths use another generator,
        // so the simulated quantiles agree within Monte Carlo error (2%), the fit and the point forecasts to 1e-6.
        var model = EtsModel.Fit(EtsModelTests.Series("AirPassengers"), EtsSpec.Parse("MMM"));
        var forecast = model.Forecast(12, [80, 95]);

        Assert.Equal(-6.81913724504572e+02, model.LogLikelihood, 1e-6);
        Assert.Equal(1.40268459186629e+03, model.AiccValue, 1e-6);
        BaselineModelTests.AssertClose([453.774314993232, 489.298637807448], [forecast.Mean[0], forecast.Mean[11]], 1e-6);
        BaselineModelTests.AssertClose([418.050415858705, 439.924568567091], [forecast.Bands[1].Lower[0], forecast.Bands[1].Lower[11]], 0.02);
        BaselineModelTests.AssertClose([476.044553572848, 523.190420526955], [forecast.Bands[0].Upper[0], forecast.Bands[0].Upper[11]], 0.02);
    }

    [Fact]
    public void Forecast_AdditiveSeasonWithoutTrend_AddsTheSeasonalWeightAfterOneFullSeason()
    {
        // ETS(A,N,A): c_j = alpha + gamma [j mod m = 0] (Hyndman et al. 2008, table 6.1). R's class1 adds gamma one step
        // early (at h = m instead of m + 1); both agree again from h = m + 1.
        var model = EtsModel.Fit(EtsModelTests.Series("USAccDeaths"), EtsSpec.Parse("ANA"));
        var forecast = model.Forecast(13, [80]);
        var z = SeriesForecast.NormalQuantile(80);
        double Variance(int h) => Math.Pow((forecast.Bands[0].Upper[h - 1] - forecast.Mean[h - 1]) / z, 2) / model.Sigma2;
        var a = model.Alpha;
        var g = model.Gamma!.Value;

        Assert.Equal(1 + (11 * a * a), Variance(12), 1e-9);
        Assert.Equal(1 + (11 * a * a) + ((a + g) * (a + g)), Variance(13), 1e-9);
    }

    [Fact]
    public void Fit_MultiplicativeModelOnNonPositiveData_IsRefused()
    {
        var values = ReferenceSeries.WwwUsage.Select(v => v - 100).ToArray();
        var error = Assert.Throws<ForecastDataException>(() => EtsModel.Fit(new TimeSeries(values), EtsSpec.Parse("MNN")));
        Assert.Contains("positive", error.Message, StringComparison.Ordinal);

        var auto = AutoEts.Fit(new TimeSeries(values));
        Assert.Equal(EtsComponent.Additive, auto.Model.Spec.Error);
        Assert.DoesNotContain(auto.Candidates, c => c.Spec.Error == EtsComponent.Multiplicative);
    }

    [Fact]
    public void Fit_ForbiddenCombination_IsRefused()
    {
        Assert.Throws<ForecastDataException>(() => EtsModel.Fit(EtsModelTests.Series("AirPassengers"), EtsSpec.Parse("ANM")));
    }

    [Fact]
    public void AutoEts_ReportsEveryCandidateAndPicksTheLowestAicc()
    {
        var result = AutoEts.Fit(EtsModelTests.Series("USAccDeaths"));

        // A,M errors x N,A,Ad trends x N,A,M seasons, less the 3 additive-error multiplicative-season combinations.
        Assert.Equal(15, result.Candidates.Count);
        Assert.Equal(result.Candidates.Min(c => c.Aicc), result.Model.AiccValue);
    }

    [Fact]
    public void Fit_TooShortForTheStates_SaysNotEnoughData()
    {
        var series = new TimeSeries(ReferenceSeries.UsAccDeaths[..14], seasonLength: 12);
        var error = Assert.Throws<ForecastDataException>(() => EtsModel.Fit(series, EtsSpec.Parse("AAA")));
        Assert.Contains("Not enough data", error.Message, StringComparison.Ordinal);
    }
}
