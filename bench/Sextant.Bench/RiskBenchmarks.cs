using System.Diagnostics;
using System.Globalization;
using Sextant.Forecasting.Risk;

namespace Sextant.Bench;

/// <summary>
/// Stopwatch timings of GARCH(1,1) fits on seeded simulated return series, which it also writes as CSV files so that
/// <c>Rscript bench/anchors/garch.R --time DIR</c> times fGarch's <c>garchFit</c> on exactly the same returns.
/// </summary>
internal static class RiskBenchmarks
{
    public static int Run(string[] args)
    {
        string directory = Path.Combine(Path.GetTempPath(), "sextant-risk-bench");
        int repeat = 20;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length:
                    directory = args[++i];
                    break;
                case "--repeat" when i + 1 < args.Length:
                    repeat = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i]}");
                    return 2;
            }
        }

        Directory.CreateDirectory(directory);
        Print($"Sextant GARCH(1,1) benchmarks: {Environment.ProcessorCount} logical cores, .NET {Environment.Version}, one thread, median of {repeat} fits after 2 warm-up fits");
        var series = new (string Name, double[] Returns)[]
        {
            ("sim-normal-2000", Simulate(2_000, tShape: 0, seed: 1)),
            ("sim-t6-2000", Simulate(2_000, tShape: 6, seed: 2)),
            ("sim-normal-10000", Simulate(10_000, tShape: 0, seed: 3)),
            ("sim-t6-10000", Simulate(10_000, tShape: 6, seed: 4)),
        };

        foreach ((string name, double[] returns) in series)
        {
            string path = Path.Combine(directory, name + ".csv");
            File.WriteAllLines(path, returns.Select(r => r.ToString("R", CultureInfo.InvariantCulture)).Prepend("r"));
            foreach (GarchDistribution distribution in new[] { GarchDistribution.Normal, GarchDistribution.StudentT })
            {
                var options = new GarchOptions { Distribution = distribution };
                GarchModel model = GarchFitter.Fit(returns, options);
                GarchFitter.Fit(returns, options);
                var times = new double[repeat];
                for (int r = 0; r < repeat; r++)
                {
                    long start = Stopwatch.GetTimestamp();
                    model = GarchFitter.Fit(returns, options);
                    times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }

                Array.Sort(times);
                Print($"{name} ({returns.Length:N0} returns) {distribution}: median {times[repeat / 2]:F2} ms (min {times[0]:F2}, max {times[^1]:F2}); LL {model.LogLikelihood:F4}, alpha {model.Alpha:F5}, beta {model.Beta:F5}{(model.Shape is { } s ? $", shape {s:F3}" : string.Empty)}");
            }
        }

        Print($"series written to {directory}; time fGarch on them with: Rscript bench/anchors/garch.R --time {directory}");
        return 0;
    }

    /// <summary>GARCH(1,1) returns with mu 5e-4, omega 2e-6, alpha 0.08, beta 0.9 (a daily equity index), normal or t innovations.</summary>
    private static double[] Simulate(int n, int tShape, int seed)
    {
        const double Mu = 5e-4, Omega = 2e-6, Alpha = 0.08, Beta = 0.9;
        var random = new Random(seed);
        var returns = new double[n];
        double h = Omega / (1 - Alpha - Beta);
        for (int t = -500; t < n; t++)
        {
            double z = Gaussian(random);
            if (tShape > 0)
            {
                double chiSquare = 0;
                for (int k = 0; k < tShape; k++)
                {
                    double g = Gaussian(random);
                    chiSquare += g * g;
                }

                z = z / Math.Sqrt(chiSquare / tShape) * Math.Sqrt((tShape - 2.0) / tShape);
            }

            double e = Math.Sqrt(h) * z;
            if (t >= 0)
            {
                returns[t] = Mu + e;
            }

            h = Omega + (Alpha * e * e) + (Beta * h);
        }

        return returns;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static void Print(FormattableString message) => Console.WriteLine(message.ToString(CultureInfo.InvariantCulture));
}
