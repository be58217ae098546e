using System.Diagnostics;
using System.Globalization;
using Sextant.Core.Tests.Forecasting;
using Sextant.Forecasting;
using Sextant.Forecasting.Arima;
using Sextant.Forecasting.Ets;

namespace Sextant.Bench;

/// <summary>
/// Stopwatch timings of the automatic ARIMA search (as R's <c>auto.arima</c>) and the ETS choice (as R's <c>ets</c>) on a
/// monthly and a daily series, which it also writes as CSV files so that <c>Rscript bench/anchors/forecast_speed.R DIR</c>
/// times R's forecast package on exactly the same values.
/// </summary>
internal static class ForecastBenchmarks
{
    public static int Run(string[] args)
    {
        var directory = BenchArguments.Option(args, "--out") ?? Path.Combine(Path.GetTempPath(), "sextant-forecast-bench");
        var repeat = BenchArguments.Option(args, "--repeat") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 5;
        Directory.CreateDirectory(directory);
        Print($"Sextant forecasting benchmarks: {Environment.ProcessorCount} logical cores, .NET {Environment.Version}, median of {repeat} fits after a warm-up fit");
        var series = new (string Name, double[] Values, int Season)[]
        {
            ("airpassengers-144-monthly", ReferenceSeries.AirPassengers, 12),
            ("simulated-1000-daily", SimulatedSeries.Daily(1_000, seed: 11), 7),
        };

        foreach (var (name, values, season) in series)
        {
            File.WriteAllLines(Path.Combine(directory, $"{name}.csv"), values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).Prepend($"y,{season}"));
            var ts = new TimeSeries(values, season);
            Time(name, "auto.arima", repeat, () => AutoArima.Fit(ts).Model.Name);
            Time(name, "ets", repeat, () => AutoEts.Fit(ts).Model.Name);
        }

        Print($"series written to {directory}; time R on them with: Rscript bench/anchors/forecast_speed.R {directory}");
        return 0;
    }

    private static void Time(string series, string what, int repeat, Func<string> fit)
    {
        var model = fit();
        var times = new double[repeat];
        for (var r = 0; r < repeat; r++)
        {
            var start = Stopwatch.GetTimestamp();
            model = fit();
            times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        Print($"{series} {what}: median {times[repeat / 2]:F1} ms (min {times[0]:F1}, max {times[^1]:F1}): {model}");
    }

    private static void Print(FormattableString message) => Console.WriteLine(message.ToString(CultureInfo.InvariantCulture));
}
