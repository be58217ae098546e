using System.Globalization;
using System.Text;

namespace Sextant.Cli.Tests;

/// <summary><c>sextant risk</c> on prices simulated from a known GARCH(1,1) process.</summary>
public sealed class RiskCommandTests
{
    [Fact]
    public async Task Risk_SimulatedGarchPrices_RecoversThePersistenceAndReportsVarAndCvar()
    {
        // omega 2e-6, alpha 0.08, beta 0.9: persistence 0.98, long-run daily volatility sqrt(2e-6 / 0.02) = 1%.
        using var folder = new TempFolder();
        var path = folder.Combine("prices.csv");
        await File.WriteAllTextAsync(path, Prices(4000, omega: 2e-6, alpha: 0.08, beta: 0.9, seed: 7, shuffled: true));

        var json = (await Cli.RunAsync("risk", "--csv", path, "--time", "day", "--value", "price", "--format", "json")).ShouldExit(0).Json();

        var risk = json.GetProperty("risk");
        Assert.Equal(3999, risk.GetProperty("observations").GetInt32());
        Assert.InRange(risk.GetProperty("persistence").GetDouble(), 0.95, 0.995);
        Assert.InRange(risk.GetProperty("long_run_volatility").GetDouble(), 0.006, 0.016);
        var coefficients = risk.GetProperty("coefficients").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("estimate").GetDouble());
        Assert.InRange(coefficients["alpha1"], 0.04, 0.13);
        Assert.InRange(coefficients["beta1"], 0.84, 0.95);
        var model = risk.GetProperty("parametric").EnumerateArray().ToArray();
        Assert.Equal([0.95, 0.99], model.Select(t => t.GetProperty("level").GetDouble()));
        Assert.True(model[1].GetProperty("value_at_risk").GetDouble() > model[0].GetProperty("value_at_risk").GetDouble());
        Assert.All(model, t => Assert.True(t.GetProperty("expected_shortfall").GetDouble() > t.GetProperty("value_at_risk").GetDouble()));
        Assert.Equal(10, risk.GetProperty("volatility_forecast").GetArrayLength());
    }

    [Fact]
    public async Task Risk_TooFewReturnsOrNoSuchColumn_SaysSoClearly()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("short.csv");
        await File.WriteAllTextAsync(path, Prices(120, omega: 2e-6, alpha: 0.08, beta: 0.9, seed: 1, shuffled: false));

        var few = await Cli.RunAsync("risk", "--csv", path, "--time", "day", "--value", "price", "--format", "json");
        Assert.Equal(1, few.ExitCode);
        Assert.Contains("119", few.Json().GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);

        var missing = await Cli.RunAsync("risk", "--csv", path, "--time", "day", "--value", "close", "--format", "json");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("'close'", missing.Json().GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A price path whose log returns follow GARCH(1,1) with normal innovations; rows optionally out of order.</summary>
    private static string Prices(int count, double omega, double alpha, double beta, int seed, bool shuffled)
    {
        var random = new Random(seed);
        var variance = omega / (1 - alpha - beta);
        var price = 100.0;
        var rows = new List<string>(count) { $"1,{price.ToString("R", CultureInfo.InvariantCulture)}" };
        for (var t = 2; t <= count; t++)
        {
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var r = Math.Sqrt(variance) * z;
            price *= Math.Exp(r);
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"{t},{price:R}"));
            variance = omega + (alpha * r * r) + (beta * variance);
        }

        if (shuffled)
        {
            // The command orders rows by the time column.
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
        }

        return new StringBuilder("day,price\n").AppendJoin('\n', rows).Append('\n').ToString();
    }
}
