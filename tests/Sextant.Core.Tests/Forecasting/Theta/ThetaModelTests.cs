using Sextant.Core.Tests.Forecasting.Ets;
using Sextant.Forecasting;
using Sextant.Forecasting.Combination;
using Sextant.Forecasting.Ets;
using Sextant.Forecasting.Theta;

namespace Sextant.Core.Tests.Forecasting.Theta;

// Reference: R 4.2.2, forecast 8.20, thetaf (bench/anchors/ets_reference.R, last section).
public sealed class ThetaModelTests
{
    public static TheoryData<string, double[], int[], double[], double[], double[]> Cases => new()
    {
        { "AirPassengers", [0.837752089949302, 1.323069628802547, 115.692632416380022], [1, 12, 24], [440.078191081586, 447.644908742896, 461.915395767090], [418.996718569325, 385.391658781100, 374.631844151412], [453.862625038118, 488.350120970305, 518.987042543097] },
        { "WWWusage", [0.999899931756667, 0.309396939693969, 33.985957131310897], [1, 10], [220.309628080144, 223.094200537390], [208.883532736510, 186.964968615945], [227.780750249326, 246.717835510313] },
        { "USAccDeaths", [0.551702611627234, -5.849633929588187, 68158.564731606151327], [1, 13], [8270.69380633916, 8206.97192701951], [7759.00218075390, 7103.26966556615], [8605.27097664299, 8928.64404559805] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_MatchesRsThetaf(string name, double[] model, int[] steps, double[] mean, double[] lower95, double[] upper80)
    {
        var theta = ThetaModel.Fit(EtsModelTests.Series(name));
        var forecast = theta.Forecast(steps.Max(), [80, 95]);

        BaselineModelTests.AssertClose(model, [theta.Alpha, theta.Drift, theta.Sigma2], 1e-6);
        BaselineModelTests.AssertClose(mean, steps.Select(h => forecast.Mean[h - 1]).ToArray(), 1e-6);
        BaselineModelTests.AssertClose(lower95, steps.Select(h => forecast.Bands[1].Lower[h - 1]).ToArray(), 1e-6);
        BaselineModelTests.AssertClose(upper80, steps.Select(h => forecast.Bands[0].Upper[h - 1]).ToArray(), 1e-6);
    }

    [Fact]
    public void Combination_AveragesMeansAndBounds()
    {
        var series = EtsModelTests.Series("USAccDeaths");
        IForecastModel[] members = [ThetaModel.Fit(series), AutoEts.Fit(series).Model];
        var combined = new CombinationModel(members).Forecast(6, [80]);
        var parts = members.Select(m => m.Forecast(6, [80])).ToArray();

        for (var h = 0; h < 6; h++)
        {
            Assert.Equal((parts[0].Mean[h] + parts[1].Mean[h]) / 2, combined.Mean[h], 1e-9);
            Assert.Equal((parts[0].Bands[0].Lower[h] + parts[1].Bands[0].Lower[h]) / 2, combined.Bands[0].Lower[h], 1e-9);
        }
    }
}
