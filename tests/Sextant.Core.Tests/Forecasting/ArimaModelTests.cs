using Sextant.Forecasting;
using Sextant.Forecasting.Arima;

namespace Sextant.Core.Tests.Forecasting;

// Each case: the R call (R 4.2.2, forecast 8.20; bench/anchors/forecast_reference.R prints them), then coef(fit),
// c(fit$loglik, fit$aicc, fit$sigma2), and forecast(fit, h, level = c(80, 95)) at steps 1 and h: mean, lower 95%, upper 80%.
// Tolerances: coefficients 2e-3 absolute (two BFGS runs stopping on a relative change of 1e-8 in the objective agree to
// about that); log-likelihood 5e-3 absolute and AICc 1e-2, because R approximates the diffuse prior of the differencing
// states with kappa = 1e6 where we take the exact limit (see Fit_SeasonalLikelihood_IsRsDiffuseLimit); sigma2 3e-3
// relative (R's residuals include the first d + Ds observations scaled by 1 / sqrt(kappa), which adds about 1e-3 of the
// sum of squares on a log scale); forecasts and bounds 5e-4 relative.
public sealed class ArimaModelTests
{
    public static TheoryData<string, int> Cases => new()
    {
        { "airline", 24 },
        { "air-ar", 12 },
        { "lh-arma", 10 },
        { "lh-ar3", 10 },
        { "www-drift", 10 },
        { "www-ar3", 10 },
        { "deaths-airline", 12 },
        { "deaths-drift", 12 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_MatchesRForecastArima(string name, int horizon)
    {
        var (series, order, constant, reference) = Case(name);

        var model = ArimaModel.Fit(series, order, constant);
        var forecast = model.Forecast(horizon, [80, 95]);

        Assert.Equal(reference.Coefficients.Length, model.Coefficients.Count);
        for (var i = 0; i < reference.Coefficients.Length; i++)
        {
            var tolerance = model.CoefficientNames[i] is "drift" or "intercept" ? 2e-3 * Math.Max(1, Math.Abs(reference.Coefficients[i])) : 2e-3;
            Assert.True(Math.Abs(reference.Coefficients[i] - model.Coefficients[i]) <= tolerance, $"{model.CoefficientNames[i]}: R {reference.Coefficients[i]}, ours {model.Coefficients[i]}");
        }

        Assert.True(Math.Abs(reference.LogLikelihood - model.LogLikelihood) <= 5e-3, $"loglik: R {reference.LogLikelihood}, ours {model.LogLikelihood}");
        Assert.True(Math.Abs(reference.Aicc - model.AiccValue) <= 1e-2, $"AICc: R {reference.Aicc}, ours {model.AiccValue}");
        Assert.True(Math.Abs(reference.Sigma2 - model.Sigma2) <= 3e-3 * reference.Sigma2, $"sigma2: R {reference.Sigma2}, ours {model.Sigma2}");
        BaselineModelTests.AssertClose(reference.Mean, [forecast.Mean[0], forecast.Mean[horizon - 1]], 1e-4);
        BaselineModelTests.AssertClose(reference.Lower95, [forecast.Bands[1].Lower[0], forecast.Bands[1].Lower[horizon - 1]], 5e-4);
        BaselineModelTests.AssertClose(reference.Upper80, [forecast.Bands[0].Upper[0], forecast.Bands[0].Upper[horizon - 1]], 5e-4);
    }

    [Fact]
    public void Fit_SeasonalLikelihood_IsRsDiffuseLimit()
    {
        // arima(log(AirPassengers), order = c(0,1,1), seasonal = c(0,1,1), kappa = 1e10)$loglik = 244.696490022
        // (kappa = 1e6, the default, gives 244.699530597; 1e8 gives 244.696517295).
        var logAir = ReferenceSeries.AirPassengers.Select(v => Math.Log(v)).ToArray();

        var model = ArimaModel.Fit(ReferenceSeries.Monthly(logAir, 1949), new ArimaOrder(0, 1, 1, 0, 1, 1, 12), includeConstant: false);

        Assert.Equal(244.696490022, model.LogLikelihood, 1e-4);
    }

    [Fact]
    public void Fit_NamesTheModelAsR()
    {
        var model = ArimaModel.Fit(new TimeSeries(ReferenceSeries.WwwUsage), new ArimaOrder(1, 1, 1), includeConstant: true);

        Assert.Equal("ARIMA(1,1,1) with drift", model.Name);
        Assert.Equal(["ar1", "ma1", "drift"], model.CoefficientNames);
    }

    [Fact]
    public void Fit_TooShortForTheSeasonalModel_IsNotEnoughData()
    {
        var series = new TimeSeries(ReferenceSeries.UsAccDeaths[..15], seasonLength: 12);

        var ex = Assert.Throws<ForecastDataException>(() => ArimaModel.Fit(series, new ArimaOrder(0, 1, 1, 0, 1, 1, 12), includeConstant: false));
        Assert.StartsWith("Not enough data", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvertMovingAverage_ReflectsRootsInsideTheUnitCircle()
    {
        // 1 + 2.5z + z^2 = (1 + 2z)(1 + 0.5z): the root -0.5 reflects to -2, giving (1 + 0.5z)^2 = 1 + z + 0.25z^2.
        double[] ma = [2.5, 1];
        ArimaPolynomials.InvertMovingAverage(ma);
        Assert.Equal(1, ma[0], 1e-10);
        Assert.Equal(0.25, ma[1], 1e-10);
    }

    [Fact]
    public void StationaryTransform_RoundTrips()
    {
        double[] ar = [1.15, -0.66, 0.34];
        var raw = new double[3];
        var back = new double[3];
        ArimaPolynomials.FromStationary(ar, raw);
        ArimaPolynomials.ToStationary(raw, back);
        BaselineModelTests.AssertClose(ar, back, 1e-12);
    }

    private static (TimeSeries Series, ArimaOrder Order, bool Constant, Reference Reference) Case(string name)
    {
        var logAir = ReferenceSeries.AirPassengers.Select(v => Math.Log(v)).ToArray();
        return name switch
        {
            // Arima(log(AirPassengers), order = c(0,1,1), seasonal = c(0,1,1))
            "airline" => (ReferenceSeries.Monthly(logAir, 1949), new ArimaOrder(0, 1, 1, 0, 1, 1, 12), false, new Reference(
                [-0.401828016755777, -0.556944838448378], 244.699530596796, -483.210084815640, 1.37126000392159e-03,
                [6.11018574331910, 6.26427413168371], [6.03760718521214, 5.99062103503929], [6.15764231165434, 6.44320627390014])),

            // Arima(log(AirPassengers), order = c(2,1,0), seasonal = c(1,1,0))
            "air-ar" => (ReferenceSeries.Monthly(logAir, 1949), new ArimaOrder(2, 1, 0, 1, 1, 0, 12), false, new Reference(
                [-0.4056899559449558, -0.0799074501071509, -0.4723405608620454], 240.824654211196, -473.331848104932, 1.48220538022024e-03,
                [6.11643921624122, 6.19006123623117], [6.04098173860031, 6.00684848679099], [6.16577820887859, 6.30985761398343])),

            // Arima(lh, order = c(1,0,1))
            "lh-arma" => (new TimeSeries(ReferenceSeries.Lh), new ArimaOrder(1, 0, 1), true, new Reference(
                [0.452202021975948, 0.198167326585130, 2.410059610485507], -28.762033205183542, 66.454298968506620, 0.205132943150251,
                [2.67961092006623, 2.41027273526421], [1.79191178529168, 1.31163718414740], [3.26004618565090, 3.12863191002584])),

            // Arima(lh, order = c(3,0,0))
            "lh-ar3" => (new TimeSeries(ReferenceSeries.Lh), new ArimaOrder(3, 0, 0), true, new Reference(
                [0.6447965165481884, -0.0633735287510953, -0.2198061917136690, 2.3931274684391086], -27.092411065997560, 65.613393560566550, 0.194902132014212,
                [2.46018064059291, 2.39166465241331], [1.59490119775488, 1.28721048620540], [3.02595645757194, 3.11382841508478])),

            // Arima(WWWusage, order = c(1,1,1), include.drift = TRUE)
            "www-drift" => (new TimeSeries(ReferenceSeries.WwwUsage), new ArimaOrder(1, 1, 1), true, new Reference(
                [0.634368975342446, 0.529699294905039, 1.120474437631052], -253.7896552123174, 516.0048423395284, 10.0300598662445,
                [219.157228888954, 225.891942080319], [212.949970078071, 157.921694314722], [223.215937268074, 270.335298244793])),

            // Arima(WWWusage, order = c(3,1,0))
            "www-ar3" => (new TimeSeries(ReferenceSeries.WwwUsage), new ArimaOrder(3, 1, 0), false, new Reference(
                [1.151340132523460, -0.661226533965422, 0.340712764484105], -251.99699201860875, 512.41951595211117, 9.65602354499328,
                [219.660800341847, 215.074949425350], [213.570380256192, 144.103545035358], [223.643111984898, 261.480656429318])),

            // Arima(USAccDeaths, order = c(0,1,1), seasonal = c(0,1,1))
            "deaths-airline" => (ReferenceSeries.Monthly(ReferenceSeries.UsAccDeaths, 1973), new ArimaOrder(0, 1, 1, 0, 1, 1, 12), false, new Reference(
                [-0.430269236217264, -0.552791270185796], -425.439993553138, 857.316350742639, 102860.268051634557,
                [8336.06126629841, 9376.57370691456], [7706.95692022864, 8032.17629186909], [8747.41048799639, 10255.62792707155])),

            // Arima(USAccDeaths, order = c(1,0,0), seasonal = c(0,1,1), include.drift = TRUE)
            "deaths-drift" => (ReferenceSeries.Monthly(ReferenceSeries.UsAccDeaths, 1973), new ArimaOrder(1, 0, 0, 0, 1, 1, 12), true, new Reference(
                [0.798716932323152, -0.576620160318670, -11.693246860187942], -434.932657067178, 878.592586861629, 110767.539554943578,
                [8262.27399498061, 8658.62874269628], [7609.30852564211, 7576.75748063920], [8689.22516657252, 9366.02633803135])),

            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    private sealed record Reference(double[] Coefficients, double LogLikelihood, double Aicc, double Sigma2, double[] Mean, double[] Lower95, double[] Upper80);
}
