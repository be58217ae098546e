using Sextant.Forecasting;
using Sextant.Forecasting.Arima;
using Sextant.Forecasting.Selection;
using Sextant.Forecasting.Transforms;

namespace Sextant.Core.Tests.Forecasting.Transforms;

/// <summary>
/// Box-Cox against R's forecast 8.20 (numbers computed once with Rscript, kept here): Guerrero's λ as
/// <c>BoxCox.lambda</c>, and the airline model on log passengers as <c>Arima(..., lambda = 0)</c>.
/// </summary>
public sealed class BoxCoxTests
{
    [Theory]
    [InlineData("AirPassengers", -0.2947155856)]
    [InlineData("USAccDeaths", -0.03975616783)]
    public void Guerrero_MatchesRsBoxCoxLambda(string name, double expected)
    {
        var series = name == "AirPassengers" ? ReferenceSeries.AirPassengers : ReferenceSeries.UsAccDeaths;

        Assert.Equal(expected, BoxCox.Guerrero(series, 12), 3);
    }

    [Fact]
    public void AirlineModelOnLogs_ForecastsOnTheOriginalScale_AsRsArimaWithLambdaZero()
    {
        var series = ReferenceSeries.Monthly(ReferenceSeries.AirPassengers, 1949);

        var model = (BoxCoxModel)BoxCoxModel.Fit(series, 0, s => ArimaModel.Fit(s, new ArimaOrder(0, 1, 1, 0, 1, 1, 12), includeConstant: false));
        var forecast = model.Forecast(2, [80]);

        // R: coef ma1 -0.4018280, sma1 -0.5569448; forecast 450.4223703, 425.7171980.
        Assert.Equal(-0.4018280, model.Parameters["ma1"], 3);
        Assert.Equal(-0.5569448, model.Parameters["sma1"], 3);
        Assert.Equal(450.4223703, forecast.Mean[0], 450.42 * 1e-3);
        Assert.Equal(425.7171980, forecast.Mean[1], 425.72 * 1e-3);
        Assert.True(forecast.Bands[0].Lower[0] < forecast.Mean[0] && forecast.Mean[0] < forecast.Bands[0].Upper[0]);
        Assert.Contains("with Box-Cox lambda 0", model.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void AutoLambda_ThroughTheMethods_FitsOnTheTransformAndRoundTrips()
    {
        var series = ReferenceSeries.Monthly(ReferenceSeries.AirPassengers, 1949);

        var model = ForecastMethods.Fit(series, ForecastMethod.SeasonalNaive, double.NaN);
        var forecast = model.Forecast(12, [95]);

        // Seasonal naive repeats last year exactly, whatever the transform: the back-transform undoes the forward one.
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(ReferenceSeries.AirPassengers[ReferenceSeries.AirPassengers.Length - 12 + i], forecast.Mean[i], 1e-6);
        }

        Assert.Equal(-0.2947, ((BoxCoxModel)model).Lambda, 3);
    }

    [Fact]
    public void Parse_AndNonPositiveValues_SayWhatIsWrong()
    {
        Assert.Null(BoxCox.Parse(null));
        Assert.Null(BoxCox.Parse("none"));
        Assert.True(double.IsNaN(BoxCox.Parse("auto")!.Value));
        Assert.Equal(0.5, BoxCox.Parse("0.5"));
        Assert.Contains("must be auto, none, or a number from -1 to 2", Assert.Throws<SextantException>(() => BoxCox.Parse("3")).Message, StringComparison.Ordinal);
        var ex = Assert.Throws<ForecastDataException>(() => ForecastMethods.Fit(new TimeSeries([3.0, 0, 2, 5, 4, 6]), ForecastMethod.Naive, 0.5));
        Assert.Contains("needs positive values; value 1 is 0", ex.Message, StringComparison.Ordinal);
    }
}
