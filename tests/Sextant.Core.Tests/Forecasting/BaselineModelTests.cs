using Sextant.Forecasting;
using Sextant.Forecasting.Baselines;

namespace Sextant.Core.Tests.Forecasting;

// Reference numbers from R 4.2.2, forecast 8.20 (bench/anchors/forecast_reference.R prints them).
public sealed class BaselineModelTests
{
    private static readonly double[] Levels = [80, 95];

    [Fact]
    public void Naive_MatchesRForecastNaive()
    {
        // naive(WWWusage, h = 3, level = c(80, 95))
        var forecast = BaselineModel.Fit(new TimeSeries(ReferenceSeries.WwwUsage), BaselineMethod.Naive).Forecast(3, Levels);
        AssertClose([220, 220, 220], forecast.Mean, 1e-9);
        AssertClose([212.567402671001, 209.488720053672, 207.126363793973], forecast.Bands[0].Lower, 1e-8);
        AssertClose([231.367176684955, 236.075615433755, 239.688527556954], forecast.Bands[1].Upper, 1e-8);
    }

    [Fact]
    public void SeasonalNaive_MatchesRForecastSnaive_AcrossTheSecondSeason()
    {
        // snaive(USAccDeaths, h = 14, level = c(80, 95)), steps 1, 13 and 14
        var forecast = BaselineModel.Fit(ReferenceSeries.Monthly(ReferenceSeries.UsAccDeaths, 1973), BaselineMethod.SeasonalNaive).Forecast(14, Levels);
        AssertClose([7836, 7836, 6892], [forecast.Mean[0], forecast.Mean[12], forecast.Mean[13]], 1e-9);
        AssertClose([7119.09319290333, 6822.14067044630, 5878.14067044630], [forecast.Bands[0].Lower[0], forecast.Bands[0].Lower[12], forecast.Bands[0].Lower[13]], 1e-7);
        AssertClose([8932.41434645196, 9386.56403873280, 8442.56403873280], [forecast.Bands[1].Upper[0], forecast.Bands[1].Upper[12], forecast.Bands[1].Upper[13]], 1e-7);
    }

    [Fact]
    public void Drift_MatchesRForecastRwfWithDrift_IncludingTheDriftUncertainty()
    {
        // rwf(WWWusage, drift = TRUE, h = 3, level = c(80, 95))
        var forecast = BaselineModel.Fit(new TimeSeries(ReferenceSeries.WwwUsage), BaselineMethod.Drift).Forecast(3, Levels);
        AssertClose([221.333333333333, 222.666666666667, 224.000000000000], forecast.Mean, 1e-9);
        AssertClose([214.026380653432, 212.281535657287, 211.218053127675], forecast.Bands[0].Lower, 1e-8);
        AssertClose([232.508353109662, 238.549353950080, 243.548300821915], forecast.Bands[1].Upper, 1e-8);
    }

    [Fact]
    public void Mean_MatchesRForecastMeanf_WithStudentTIntervals()
    {
        // meanf(lh, h = 2, level = c(80, 95))
        var forecast = BaselineModel.Fit(new TimeSeries(ReferenceSeries.Lh), BaselineMethod.Mean).Forecast(2, Levels);
        AssertClose([2.4, 2.4], forecast.Mean, 1e-9);
        AssertClose([1.67559510025874, 1.67559510025874], forecast.Bands[0].Lower, 1e-9);
        AssertClose([3.52116226740217, 3.52116226740217], forecast.Bands[1].Upper, 1e-9);
    }

    [Fact]
    public void SeasonalNaive_SeriesNoLongerThanASeason_IsNotEnoughData()
    {
        var series = new TimeSeries([1, 2, 3, 4], seasonLength: 4);
        var ex = Assert.Throws<ForecastDataException>(() => BaselineModel.Fit(series, BaselineMethod.SeasonalNaive));
        Assert.Contains("Not enough data", ex.Message, StringComparison.Ordinal);
    }

    internal static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])), $"[{i}]: expected {expected[i]:R}, got {actual[i]:R} (tolerance {tolerance})");
        }
    }
}
