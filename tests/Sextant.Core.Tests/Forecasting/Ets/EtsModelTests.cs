using Sextant.Forecasting;
using Sextant.Forecasting.Ets;

namespace Sextant.Core.Tests.Forecasting.Ets;

// Reference: R 4.2.2, forecast 8.20 (bench/anchors/ets_reference.R prints these numbers). Parameters are in R's order:
// alpha, [beta], [gamma], [phi], l, [b], s0..s(m-2).
public sealed class EtsModelTests
{
    internal static readonly EtsReferenceCase[] Cases =
    [
        new("AirPassengers", null, "ETS(M,Ad,M)",
            [7.09551916209e-01, 2.04089193322e-02, 1.00468309719e-04, 9.79999926684e-01, 1.20993935507e+02, 1.77054019711e+00, 8.94447475689e-01, 7.99322028291e-01, 9.21659598397e-01, 1.05920192984e+00, 1.22030069724e+00, 1.23179850717e+00, 1.11050018095e+00, 9.78612760760e-01, 9.80382073472e-01, 1.01103008804e+00, 8.86892287223e-01],
            -6.79583216236956e+02, 1.40063843247391e+03, 1.53407634959019e-03,
            [1, 12, 24], [441.801847278479, 451.969373093448, 465.578020396601], [407.886278423485, 352.263132609887, 306.945728829476], [463.978045772582, 517.163779518351, 569.302100638557]),
        new("AirPassengers", "MAM", "ETS(M,A,M)",
            [0.3949968504950, 0.0107004419033, 0.3995392024006, 122.3754260164763, 1.1073665820836, 0.9000411199468, 0.7826691070681, 0.9013680438689, 1.0476177697608, 1.1537067990618, 1.1830314019678, 1.0839951214625, 0.9786588987833, 1.0331616425763, 1.0807569099011, 0.9522478841868],
            -6.82403619057806e+02, 1.40366438097275e+03, 1.58214813524167e-03,
            [1, 12, 24], [448.973767167400, 466.317755681308, 500.435516064022], [413.971785784617, 401.694743349634, 396.887216139649], [471.860332630895, 508.572472235858, 568.142110126109]),
        new("USAccDeaths", null, "ETS(A,N,A)",
            [5.94589890836e-01, 2.02895995407e-03, 9.24836282413e+03, -5.13448748277e+01, -2.55352755428e+02, 2.18290114669e+02, -1.21771020334e+02, 9.70738744866e+02, 1.68323661061e+03, 7.56091981289e+02, 3.06421216534e+02, -4.89562713202e+02, -7.39900427056e+02, -1.53779172434e+03],
            -555.072335012628, 1148.716098596684, 85667.856312277843,
            [1, 6, 13], [8397.49690922931, 9893.06472685388, 8397.49690922931], [7823.83364364509, 8938.69770239878, 7083.71251904774], [8772.59515690319, 10517.09178242327, 9256.53434833836]),
        new("USAccDeaths", "AAA", "ETS(A,A,A)",
            [5.37836338579e-01, 1.18122904168e-03, 3.71516218674e-03, 9.93313049007e+03, -2.00468572590e+01, 5.82216479183e+01, -2.60492724696e+02, 2.30879628799e+02, -4.79817252424e+01, 9.88775439138e+02, 1.69895701486e+03, 7.51926045930e+02, 3.33913310967e+02, -5.14481208507e+02, -7.41245627459e+02, -1.51074152289e+03],
            -555.924933733456, 1157.183200800245, 90853.861735302533,
            [1, 6, 13], [8034.84313464801, 9677.86473392175, 7810.31549207396], [7444.07129327674, 8750.24465099491, 6546.65113615646], [8421.12807873931, 10284.40290446088, 8636.58120227221]),
        new("WWWusage", null, "ETS(A,Ad,N)",
            [0.9998999563356, 0.9966438739870, 0.8149580279042, 90.3517674497485, -0.0172823378387],
            -352.8654901977523, 718.6342062019561, 12.2243872616026,
            [1, 5, 10], [218.366334921758, 214.345412443329, 212.312739475369], [211.513636163337, 175.939793727393, 135.937704506881], [222.847073798254, 239.457496736381, 262.251690601228]),
        new("WWWusage", "MAN", "ETS(M,A,N)",
            [0.999899151627, 0.999875689202, 85.258112007341, 3.441222082331],
            -3.65087612598294e+02, 7.40813523068927e+02, 8.97980699151923e-04,
            [1, 5, 10], [217.999347733228, 209.997545596789, 199.995292926240], [205.1956095090330, 115.5689709598827, -49.9255391276706], [226.371262164039, 271.741071810854, 363.409741409619]),
        new("lh", null, "ETS(A,N,N)",
            [0.945173249522, 2.399696433846],
            -59.363624554096646, 125.272703653647838, 0.257906789571589,
            [1, 5, 10], [2.90647559053676, 2.90647559053676, 2.90647559053676], [1.9111172069800255, 0.7778487116111292, -0.0862564367494576], [3.55730545516023, 4.29830989497559, 4.86331788206702]),
        new("UKgas", null, "ETS(M,A,M)",
            [0.0305368688941, 0.0305364435770, 0.6238385789071, 124.0899426504161, 0.8654755906030, 0.9557860606900, 0.6539263059747, 1.0582302178903],
            -618.3607797331065967, 1256.5582941600907816, 0.0136235963428132,
            [1, 4, 8], [1258.823618215706, 878.954063042066, 952.214533919668], [970.845919215000, 675.402998057974, 665.914906671178], [1447.12211446736, 1012.04895052789, 1139.41579802924]),
    ];

    public static TheoryData<int> CaseIndices()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Cases.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    internal static TimeSeries Series(string name) => name switch
    {
        "AirPassengers" => ReferenceSeries.Monthly(ReferenceSeries.AirPassengers, 1949),
        "USAccDeaths" => ReferenceSeries.Monthly(ReferenceSeries.UsAccDeaths, 1973),
        "WWWusage" => new TimeSeries(ReferenceSeries.WwwUsage),
        "lh" => new TimeSeries(ReferenceSeries.Lh),
        "UKgas" => ReferenceSeries.Quarterly(ReferenceSeries.UkGas, 1960),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such reference series."),
    };

    internal static EtsModel FitCase(EtsReferenceCase c)
    {
        var series = Series(c.Series);
        return c.Model is null ? AutoEts.Fit(series).Model : EtsModel.Fit(series, EtsSpec.Parse(c.Model));
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Fit_MatchesRsEts(int index)
    {
        var c = Cases[index];
        var model = FitCase(c);

        Assert.Equal(c.ExpectedName, model.Name);
        var parameters = model.Parameters.Where(p => p.Key != "sigma2").Select(p => p.Value).ToArray();
        // The Nelder-Mead path is R's step for step, so the optimum agrees to the printed digits (1e-6 relative).
        BaselineModelTests.AssertClose(c.Parameters, parameters, 1e-6);
        Assert.Equal(c.LogLikelihood, model.LogLikelihood, 1e-6);
        Assert.Equal(c.Aicc, model.AiccValue, 1e-6);
        Assert.Equal(c.Sigma2, model.Sigma2, Math.Abs(c.Sigma2) * 1e-6);
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Forecast_MatchesRsForecastEts(int index)
    {
        var c = Cases[index];
        var model = FitCase(c);
        var forecast = model.Forecast(c.Steps.Max(), [80, 95]);

        BaselineModelTests.AssertClose(c.Mean, c.Steps.Select(h => forecast.Mean[h - 1]).ToArray(), 1e-6);
        BaselineModelTests.AssertClose(c.Lower95, c.Steps.Select(h => forecast.Bands[1].Lower[h - 1]).ToArray(), 1e-6);
        BaselineModelTests.AssertClose(c.Upper80, c.Steps.Select(h => forecast.Bands[0].Upper[h - 1]).ToArray(), 1e-6);
    }
}
