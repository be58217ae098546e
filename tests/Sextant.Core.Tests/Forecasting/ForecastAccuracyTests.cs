using Sextant.Forecasting;
using Sextant.Forecasting.Baselines;

namespace Sextant.Core.Tests.Forecasting;

public sealed class ForecastAccuracyTests
{
    [Fact]
    public void Compute_SeasonalNaiveOnUsAccDeaths_MatchesRAccuracy()
    {
        // tr <- window(USAccDeaths, end = c(1977, 12)); te <- window(USAccDeaths, start = c(1978, 1))
        // accuracy(snaive(tr, h = 12), te)["Test set", ]: RMSE 341.1639, MAPE 2.850555, MASE 0.538731
        var training = ReferenceSeries.UsAccDeaths[..60];
        var test = ReferenceSeries.UsAccDeaths[60..];
        var forecast = BaselineModel.Fit(ReferenceSeries.Monthly(training, 1973), BaselineMethod.SeasonalNaive).Forecast(12, [80]);

        var accuracy = ForecastAccuracy.Compute(test, forecast, training, 12);

        Assert.Equal(341.1639, accuracy.Rmse, 1e-3);
        Assert.Equal(2.850555, accuracy.Mape, 1e-5);
        Assert.Equal(0.538731, accuracy.Mase, 1e-5);
    }

    [Fact]
    public void Compute_CountsCoverageAndSymmetricError_ByHand()
    {
        var forecast = new SeriesForecast([10, 10, 10, 10], [new PredictionBand(80, [9, 9, 9, 9], [11, 11, 11, 11])]);

        var accuracy = ForecastAccuracy.Compute([10, 12, 8, 10.5], forecast, [1, 2, 3], 1);

        Assert.Equal(0.5, accuracy.Coverage[80]);
        var smape = 100 * ((0.0 / 20) + (4.0 / 22) + (4.0 / 18) + (1.0 / 20.5)) / 4;
        Assert.Equal(smape, accuracy.Smape, 1e-12);
        Assert.Equal(Math.Sqrt((0 + 4 + 4 + 0.25) / 4), accuracy.Rmse, 1e-12);
        Assert.Equal((0 + 2 + 2 + 0.5) / 4.0, accuracy.Mase, 1e-12);
    }
}
