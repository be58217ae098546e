using System.Globalization;
using System.Text;

namespace Sextant.Cli.Tests;

public sealed class ForecastCommandTests
{
    // USAccDeaths (R datasets), monthly 1973-01 to 1978-12.
    private static readonly double[] s_deaths =
    [
        9007, 8106, 8928, 9137, 10017, 10826, 11317, 10744, 9713, 9938, 9161, 8927, 7750, 6981, 8038, 8422, 8714, 9512, 10120, 9823, 8743, 9129, 8710, 8680,
        8162, 7306, 8124, 7870, 9387, 9556, 10093, 9620, 8285, 8466, 8160, 8034, 7717, 7461, 7767, 7925, 8623, 8945, 10078, 9179, 8037, 8488, 7874, 8647,
        7792, 6957, 7726, 8106, 8890, 9299, 10625, 9302, 8314, 8850, 8265, 8796, 7836, 6892, 7791, 8192, 9115, 9434, 10484, 9827, 9110, 9070, 8633, 9240,
    ];

    [Fact]
    public async Task Forecast_MonthlyDates_PrintsOneJsonWithIntervalsAndEveryCandidatesHoldoutScores()
    {
        using var folder = new TempFolder();
        var csv = new StringBuilder("month,deaths\n");
        for (var i = 0; i < s_deaths.Length; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{new DateTime(1973, 1, 1).AddMonths(i):yyyy-MM-dd},{s_deaths[i]}\n");
        }

        var path = folder.Combine("deaths.csv");
        await File.WriteAllTextAsync(path, csv.ToString());

        var json = (await Cli.RunAsync("forecast", "--csv", path, "--time", "month", "--value", "deaths", "--horizon", "12", "--holdout", "12", "--method", "ets", "--format", "json")).ShouldExit(0).Json();

        Assert.Equal("ets", json.GetProperty("method").GetString());
        Assert.StartsWith("ETS(", json.GetProperty("model").GetString(), StringComparison.Ordinal);
        Assert.Equal("monthly", json.GetProperty("series").GetProperty("frequency").GetString());
        Assert.Equal(12, json.GetProperty("series").GetProperty("season").GetInt32());
        var points = json.GetProperty("forecast").EnumerateArray().ToArray();
        Assert.Equal(12, points.Length);
        Assert.Equal("1979-01-01", points[0].GetProperty("time").GetString());
        Assert.True(points[0].GetProperty("lower").GetProperty("95").GetDouble() < points[0].GetProperty("lower").GetProperty("80").GetDouble());
        Assert.True(points[0].GetProperty("upper").GetProperty("80").GetDouble() < points[0].GetProperty("upper").GetProperty("95").GetDouble());
        var candidates = json.GetProperty("holdout").GetProperty("candidates").EnumerateArray().ToArray();
        Assert.Equal(["naive", "snaive", "drift", "mean", "arima", "ets", "theta", "combo"], candidates.Select(c => c.GetProperty("method").GetString()));
        Assert.All(candidates, c => Assert.InRange(c.GetProperty("smape").GetDouble(), 0, 200));
        Assert.All(candidates, c => Assert.InRange(c.GetProperty("coverage").GetProperty("80").GetDouble(), 0, 1));

        // --lambda auto: Guerrero's lambda (R: -0.0398 for USAccDeaths), the model fitted on the transform.
        var boxcox = (await Cli.RunAsync("forecast", "--csv", path, "--time", "month", "--value", "deaths", "--horizon", "12", "--method", "ets", "--lambda", "auto", "--format", "json")).ShouldExit(0).Json();
        Assert.Contains("with Box-Cox lambda -0.03", boxcox.GetProperty("model").GetString(), StringComparison.Ordinal);
        Assert.InRange(boxcox.GetProperty("forecast")[0].GetProperty("mean").GetDouble(), 6000, 10000);
        var refused = await Cli.RunAsync("forecast", "--csv", path, "--time", "month", "--value", "deaths", "--horizon", "12", "--lambda", "7");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("must be auto, none, or a number from -1 to 2", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_PeriodNumbersWithAGap_FillsAndReportsIt()
    {
        using var folder = new TempFolder();
        var csv = new StringBuilder("t,y\n");
        for (var i = 0; i < 60; i++)
        {
            if (i != 30)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{i + 1},{s_deaths[i]}\n");
            }
        }

        var path = folder.Combine("periods.csv");
        await File.WriteAllTextAsync(path, csv.ToString());

        var json = (await Cli.RunAsync("forecast", "--csv", path, "--time", "t", "--value", "y", "--horizon", "3", "--season", "12", "--method", "snaive", "--format", "json")).ShouldExit(0).Json();

        Assert.Equal(1, json.GetProperty("series").GetProperty("filled_periods").GetInt32());
        Assert.Equal("61", json.GetProperty("forecast")[0].GetProperty("time").GetString());
        Assert.Equal(s_deaths[48], json.GetProperty("forecast")[0].GetProperty("mean").GetDouble());

        var refused = await Cli.RunAsync("forecast", "--csv", path, "--time", "t", "--value", "y", "--horizon", "3", "--missing", "refuse", "--format", "json");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("31", refused.Json().GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_BySegment_ForecastsEachSeriesAndListsThoseWithoutEnoughData()
    {
        // Three regions in one long file: two with six years of monthly values (one of them scaled), one with four rows
        // spread over three years (mostly interpolation) and one with two rows.
        using var folder = new TempFolder();
        var csv = new StringBuilder("month,region,deaths\n");
        for (var i = 0; i < s_deaths.Length; i++)
        {
            var month = new DateTime(1973, 1, 1).AddMonths(i);
            csv.Append(CultureInfo.InvariantCulture, $"{month:yyyy-MM-dd},north,{s_deaths[i]}\n");
            csv.Append(CultureInfo.InvariantCulture, $"{month:yyyy-MM-dd},south,{s_deaths[i] * 2}\n");
            if (i % 12 == 0 && i < 48)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{month:yyyy-MM-dd},sparse,{s_deaths[i]}\n");
            }
        }

        csv.Append("1973-01-01,tiny,1\n1973-02-01,tiny,2\n");
        var path = folder.Combine("regions.csv");
        await File.WriteAllTextAsync(path, csv.ToString());

        var run = (await Cli.RunAsync("forecast", "--csv", path, "--time", "month", "--value", "deaths", "--by", "region", "--horizon", "12", "--holdout", "12", "--method", "snaive", "--format", "json")).ShouldExit(0);
        var json = run.Json();

        var segments = json.GetProperty("segments").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetProperty("region").GetString()!);
        Assert.Equal(["north", "south", "sparse", "tiny"], segments.Keys.Order(StringComparer.Ordinal));
        // Seasonal naive repeats the last year, so each forecast is the segment's own last twelve values.
        Assert.Equal(s_deaths[60], segments["north"].GetProperty("forecast")[0].GetProperty("mean").GetDouble());
        Assert.Equal(s_deaths[60] * 2, segments["south"].GetProperty("forecast")[0].GetProperty("mean").GetDouble());
        var north = segments["north"].GetProperty("holdout").GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("method").GetString()!).ToArray();
        Assert.Equal(["snaive", "naive"], north);
        Assert.Contains("would be interpolated", segments["sparse"].GetProperty("failure").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Not enough data", segments["tiny"].GetProperty("failure").GetString(), StringComparison.Ordinal);
        var summary = json.GetProperty("summary");
        Assert.Equal(4, summary.GetProperty("segments").GetInt32());
        Assert.Equal(2, summary.GetProperty("forecast").GetInt32());
        Assert.Equal(2, summary.GetProperty("failed").GetInt32());
        // sMAPE is scale-free: the doubled region scores the same as the original.
        var smapes = new[] { "north", "south" }.Select(r => segments[r].GetProperty("holdout").GetProperty("candidates")[0].GetProperty("smape").GetDouble()).ToArray();
        Assert.Equal(smapes[0], smapes[1], 9);
        Assert.Equal(smapes[0], summary.GetProperty("holdout").GetProperty("mean_smape").GetDouble(), 9);
        Assert.Contains("segments [", run.Stderr, StringComparison.Ordinal);

        var missing = await Cli.RunAsync("forecast", "--csv", path, "--time", "month", "--value", "deaths", "--by", "store", "--horizon", "3", "--format", "json");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("segment column 'store'", missing.Json().GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_ProjectRegister_TrainsTheForecastBlock_RegistersAndPromotes_InTwoCommandsAfterInit()
    {
        using var folder = new TempFolder();
        var project = folder.Combine("produce");
        (await Cli.RunAsync("init", project, "--example", "produce")).ShouldExit(0);
        var yaml = Path.Combine(project, "sextant.yaml");
        // Weekly means keep the test fast; the example itself forecasts daily.
        await File.WriteAllTextAsync(yaml, (await File.ReadAllTextAsync(yaml)).Replace("frequency: \"daily\"", "frequency: \"weekly\"", StringComparison.Ordinal)
            .Replace("horizon: 14", "horizon: 8", StringComparison.Ordinal).Replace("holdout: 28", "holdout: 8", StringComparison.Ordinal).Replace("method: \"auto\"", "method: \"theta\"", StringComparison.Ordinal));
        (await Cli.RunAsync("ingest", "-p", project)).ShouldExit(0);

        var json = (await Cli.RunAsync("forecast", "-p", project, "--register", "--promote", "prod", "--format", "json")).ShouldExit(0).Json();

        Assert.Equal(("produce_forecast", 1), (json.GetProperty("model").GetString(), json.GetProperty("version").GetInt32()));
        Assert.Equal(6, json.GetProperty("segments").GetArrayLength());
        Assert.All(json.GetProperty("segments").EnumerateArray(), s => Assert.Equal("theta", s.GetProperty("method").GetString()));
        Assert.True(json.GetProperty("metrics").GetProperty("smape").GetDouble() > 0);
        Assert.True(json.GetProperty("promotion").GetProperty("decision").GetProperty("promoted").GetBoolean());

        var text = await Cli.RunAsync("forecast", "-p", project, "--register");
        text.ShouldExit(0);
        Assert.Contains("Registered 'produce_forecast' v2 from dataset v1", text.Stdout, StringComparison.Ordinal);

        // The registry's commands govern forecast versions with --forecast: list, forced promote, rollback.
        var listed = (await Cli.RunAsync("registry", "list", "-p", project, "--forecast", "--format", "json")).ShouldExit(0).Json();
        Assert.Equal("produce_forecast", listed.GetProperty("model").GetString());
        Assert.Equal(2, listed.GetProperty("versions").GetArrayLength());
        (await Cli.RunAsync("registry", "promote", "2", "--to", "prod", "--force", "-p", project, "--forecast")).ShouldExit(0);
        var back = (await Cli.RunAsync("registry", "rollback", "--alias", "prod", "-p", project, "--forecast", "--format", "json")).ShouldExit(0).Json();
        Assert.Equal(1, back.GetProperty("version").GetInt32());

        var bad = await Cli.RunAsync("forecast", "--csv", "x.csv");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("A one-shot forecast needs --time, --value, --horizon", bad.Stderr, StringComparison.Ordinal);
    }
}
