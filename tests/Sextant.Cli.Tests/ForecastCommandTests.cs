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
}
