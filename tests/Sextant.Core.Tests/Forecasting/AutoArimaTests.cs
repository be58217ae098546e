using Sextant.Forecasting;
using Sextant.Forecasting.Arima;

namespace Sextant.Core.Tests.Forecasting;

// Reference: R 4.2.2, forecast 8.20, urca (bench/anchors/forecast_reference.R prints these).
public sealed class AutoArimaTests
{
    [Fact]
    public void Kpss_MatchesUrcaUrKpss()
    {
        // ur.kpss(x, type = "mu", use.lag = trunc(3 * sqrt(length(x)) / 13))@teststat for WWWusage, diff(WWWusage), lh
        Assert.Equal(0.721974318081584, UnitRootTests.Kpss(ReferenceSeries.WwwUsage), 1e-10);
        Assert.Equal(0.263519398750716, UnitRootTests.Kpss(ArimaModel.Difference(ReferenceSeries.WwwUsage, new ArimaOrder(0, 1, 0))), 1e-10);
        Assert.Equal(0.367889110815209, UnitRootTests.Kpss(ReferenceSeries.Lh), 1e-10);
    }

    [Fact]
    public void Stl_MatchesRStl()
    {
        // s <- stl(USAccDeaths, s.window = 11): seasonal at 1, 6, 72 and trend at 1, 36, 72
        var (seasonal, trend) = Sextant.Forecasting.Decomposition.Stl.Decompose(ReferenceSeries.UsAccDeaths, 12);

        BaselineModelTests.AssertClose([-860.4495033402048, 855.8409377702146, 39.4906336055943], [seasonal[0], seasonal[5], seasonal[71]], 1e-9);
        BaselineModelTests.AssertClose([9988.9490071282198, 8460.9292806247449, 9071.5762988132374], [trend[0], trend[35], trend[71]], 1e-9);
    }

    [Fact]
    public void SeasonalStrength_MatchesForecastSeasHeuristic()
    {
        // forecast:::seas.heuristic(USAccDeaths), (AirPassengers), (diff(log(AirPassengers)))
        var logAirDiff = ArimaModel.Difference(ReferenceSeries.AirPassengers.Select(v => Math.Log(v)).ToArray(), new ArimaOrder(0, 1, 0));
        Assert.Equal(0.944794464889156, UnitRootTests.SeasonalStrength(ReferenceSeries.UsAccDeaths, 12), 1e-9);
        Assert.Equal(0.940672490310218, UnitRootTests.SeasonalStrength(ReferenceSeries.AirPassengers, 12), 1e-9);
        Assert.Equal(0.914681878466949, UnitRootTests.SeasonalStrength(logAirDiff, 12), 1e-9);
    }

    public static TheoryData<string, string, double> Cases => new()
    {
        // forecast:::arima.string(auto.arima(x)) and auto.arima(x)$aicc
        { "logAirPassengers", "ARIMA(0,1,1)(0,1,1)[12]", -483.210084816 },
        { "USAccDeaths", "ARIMA(0,1,1)(0,1,1)[12]", 857.316350743 },
        { "WWWusage", "ARIMA(1,1,1)", 514.552103153 },
        { "lh", "ARIMA(1,0,0) with non-zero mean", 65.3037793202 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_ChoosesRsAutoArimaModel(string name, string expectedModel, double expectedAicc)
    {
        var series = name switch
        {
            "AirPassengers" => ReferenceSeries.Monthly(ReferenceSeries.AirPassengers, 1949),
            "logAirPassengers" => ReferenceSeries.Monthly(ReferenceSeries.AirPassengers.Select(v => Math.Log(v)).ToArray(), 1949),
            "USAccDeaths" => ReferenceSeries.Monthly(ReferenceSeries.UsAccDeaths, 1973),
            "WWWusage" => new TimeSeries(ReferenceSeries.WwwUsage),
            _ => new TimeSeries(ReferenceSeries.Lh),
        };

        var result = AutoArima.Fit(series);

        Assert.True(expectedModel == result.Model.Name, string.Join("\n", result.Candidates.Select(c => $"{c.Order} {c.Constant} {c.Aicc}")));

        // AICc within 1e-2: R's diffuse prior (kappa = 1e6) moves seasonal log-likelihoods by about 3e-3.
        Assert.True(Math.Abs(expectedAicc - result.Model.AiccValue) <= 1e-2, $"AICc: R {expectedAicc}, ours {result.Model.AiccValue}");
        Assert.Contains(result.Candidates, c => c.Order == result.Model.Order && c.Aicc == result.Model.AiccValue);
    }

    [Fact]
    public void Fit_LongDailySeries_SearchesByConditionalSumsOfSquaresAndRefitsTheWinnerExactly_AsR()
    {
        // auto.arima(ts(SimulatedSeries.Daily(1000, 11), frequency = 7)): R approximates (n > 150) and chooses
        // ARIMA(4,1,1)(2,0,0)[7] with AICc 783.348205402 after the exact refit.
        var series = new TimeSeries(SimulatedSeries.Daily(1_000, seed: 11), 7);

        var result = AutoArima.Fit(series);

        Assert.True(result.Model.Name == "ARIMA(4,1,1)(2,0,0)[7]", string.Join("\n", result.Candidates.Select(c => $"{c.Order} {c.Constant} {c.Aicc}")));
        Assert.All(result.Candidates, c => Assert.True(c.Approximate));
        // Within 0.15: ma1 is -0.98, where the likelihood is flat towards the invertibility boundary and the two
        // optimisers stop at slightly different points (R's exact fit: 783.348; ours 783.455).
        Assert.True(Math.Abs(783.348205402 - result.Model.AiccValue) <= 0.15, $"AICc: R 783.348205402, ours {result.Model.AiccValue}");
        // The winner is the exact fit of the best approximated candidate, not the approximation.
        Assert.Equal(ArimaModel.Fit(series, result.Model.Order, includeConstant: false).AiccValue, result.Model.AiccValue);
    }

    [Fact]
    public void Fit_ConstantSeries_IsRefusedWithAReason()
    {
        var ex = Assert.Throws<ForecastDataException>(() => AutoArima.Fit(new TimeSeries([3, 3, 3, 3, 3, 3])));
        Assert.Contains("constant", ex.Message, StringComparison.Ordinal);
    }
}
