using System.Diagnostics;
using System.Globalization;
using Sextant.Monitoring.Drift;

namespace Sextant.Bench;

/// <summary>
/// Honest statistics of drift checks. Over many seeds: (a) how often the dataset-level decision fires on fresh samples
/// of the reference distribution, per window size; (b) how often it fires on a 0.5 sd mean shift of 2 of the 10
/// numeric features and on a 10-point share change of one categorical, at 500 current rows; both for a small reference
/// (1,000 rows: p-value tests) and a large one (100,000 rows: distances). (c) The time of one check of 1M rows x 10
/// features. The data: 10 numeric features of different shapes and 3 categorical ones (see <see cref="DriftScenario"/>).
/// </summary>
internal static class DriftBenchmarks
{
    private static readonly int[] s_windows = [100, 500, 1_000, 10_000, 100_000, 1_000_000];

    public static int Run(string[] args)
    {
        var seeds = BenchArguments.Option(args, "--seeds") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : 100;
        var maxWindow = BenchArguments.Option(args, "--max-window") is { } w ? int.Parse(w, CultureInfo.InvariantCulture) : 1_000_000;
        var only = BenchArguments.Option(args, "--only");
        Console.WriteLine($"# Drift benchmark: {seeds} seeds; {Environment.ProcessorCount} cores; {DateTime.UtcNow:u}");
        if (only is null or "rates")
        {
            foreach (var referenceRows in new[] { 1_000, 100_000 })
            {
                Rates(referenceRows, seeds, [.. s_windows.Where(x => x <= maxWindow)]);
            }
        }

        if (only is null or "speed")
        {
            Speed();
        }

        if (only is "store")
        {
            StoreSpeed().GetAwaiter().GetResult();
        }

        return 0;
    }

    /// <summary>The dataset rules reported: Evidently's default share and counts of drifted features.</summary>
    private static readonly (string Name, Func<int, int, bool> Fires)[] s_rules =
    [
        ("share>=0.5", (drifted, tested) => tested > 0 && drifted >= 0.5 * tested),
        (">=1 feature", (drifted, _) => drifted >= 1),
        (">=2 features", (drifted, _) => drifted >= 2),
        (">=3 features", (drifted, _) => drifted >= 3),
    ];

    private static void Rates(int referenceRows, int seeds, int[] windows)
    {
        var regime = referenceRows <= 1_000 ? "p-value tests" : "distances";
        var sets = DriftScenario.OptionSets(referenceRows);
        (string Name, int Window, DriftShift Shift)[] cases = [.. windows.Select(w => ("no drift", w, DriftShift.None))
            .Append(("2 numeric +0.5 sd", 500, DriftShift.TwoNumeric))
            .Append(("categorical 10 points", 500, DriftShift.Categorical))];
        var reports = new List<DriftReport>[sets.Count, cases.Length];
        for (var i = 0; i < sets.Count; i++)
        {
            for (var c = 0; c < cases.Length; c++)
            {
                reports[i, c] = [];
            }
        }

        var watch = Stopwatch.StartNew();
        for (var seed = 0; seed < seeds; seed++)
        {
            var profile = DriftScenario.Profile(referenceRows, seed);
            for (var c = 0; c < cases.Length; c++)
            {
                var current = DriftScenario.Current(cases[c].Window, seed, cases[c].Shift);
                for (var i = 0; i < sets.Count; i++)
                {
                    reports[i, c].Add(DriftDetector.Check(profile, current, sets[i].Options));
                }
            }

            if ((seed + 1) % 10 == 0)
            {
                Console.Error.WriteLine($"reference {referenceRows}: {seed + 1}/{seeds} seeds ({watch.Elapsed.TotalSeconds:F0} s)");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"## reference {referenceRows:N0} rows ({regime} by default), {seeds} seeds");
        for (var i = 0; i < sets.Count; i++)
        {
            Console.WriteLine();
            Console.WriteLine($"### options '{sets[i].Name}'");
            Console.WriteLine($"| case | window | dataset: {string.Join(" | ", s_rules.Select(r => r.Name))} | per feature | not enough data |");
            Console.WriteLine($"|---|---:|{string.Concat(s_rules.Select(_ => "---:|"))}---|---:|");
            for (var c = 0; c < cases.Length; c++)
            {
                var shifted = cases[c].Shift switch
                {
                    DriftShift.TwoNumeric => DriftScenario.ShiftedNumeric,
                    DriftShift.Categorical => [DriftScenario.ShiftedCategorical],
                    _ => null,
                };
                Report(cases[c].Name, cases[c].Window, reports[i, c], shifted);
            }
        }
    }

    private static void Report(string name, int window, IReadOnlyList<DriftReport> reports, IReadOnlyList<string>? shifted)
    {
        var n = reports.Count;
        var rules = s_rules.Select(r => Percent(reports.Count(x => x.Status == DriftCheckStatus.Checked && r.Fires(x.DriftedFeatures, x.Features.Count(f => f.Note is null))), n));
        string perFeature;
        if (shifted is null)
        {
            var flags = reports.Sum(r => r.DriftedFeatures);
            var tests = reports.Sum(r => r.Features.Count);
            perFeature = tests == 0 ? "-" : Percent(flags, tests) + " of features";
        }
        else
        {
            perFeature = string.Join(", ", shifted.Select(f => $"{f} {Percent(reports.Count(r => r.Features.Any(x => x.Name == f && x.Drifted)), n)}"))
                + $"; others {Percent(reports.Sum(r => r.Features.Count(x => x.Drifted && !shifted.Contains(x.Name))), reports.Sum(r => r.Features.Count(x => !shifted.Contains(x.Name))))}";
        }

        Console.WriteLine($"| {name} | {window:N0} | {string.Join(" | ", rules)} | {perFeature} | {Percent(reports.Count(r => r.Status == DriftCheckStatus.NotEnoughData), n)} |");
    }

    private static void Speed()
    {
        Console.WriteLine();
        Console.WriteLine("## one check of 1,000,000 current rows x 10 numeric features (fastest of 5)");
        foreach (var referenceRows in new[] { 1_000, 100_000 })
        {
            var reference = DriftScenario.Columns(referenceRows, seed: 7, DriftShift.None, numericOnly: true);
            var watch = Stopwatch.StartNew();
            var profile = ReferenceProfiler.Build(reference);
            var profileTime = watch.Elapsed.TotalSeconds;
            var current = DriftScenario.Columns(1_000_000, seed: 8, DriftShift.None, numericOnly: true);
            foreach (var threads in new[] { 1, -1 })
            {
                var options = new DriftOptions { MaxDegreeOfParallelism = threads };
                var times = new List<double>();
                DriftReport? report = null;
                for (var r = 0; r < 5; r++)
                {
                    watch.Restart();
                    report = DriftDetector.Check(profile, current, options);
                    times.Add(watch.Elapsed.TotalSeconds);
                }

                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"reference {referenceRows:N0} rows ({report!.Features[0].Method}), {(threads == 1 ? "1 thread" : $"{Environment.ProcessorCount} threads")}: check {times.Min():F3} s (of {string.Join(", ", times.Select(t => t.ToString("F3", CultureInfo.InvariantCulture)))}); profile build {profileTime:F3} s"));
            }
        }
    }

    // The same check with the current window read from a SQLite prediction log (its columnar blocks), as 'sextant monitor' does.
    private static async Task StoreSpeed()
    {
        Console.WriteLine();
        Console.WriteLine("## read 1,000,000 logged predictions x 10 numeric features from the SQLite log, then check (fastest of 5)");
        var folder = Path.Combine(Path.GetTempPath(), "sextant-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using var store = await Sextant.Storage.Sql.SqliteMetadataStore.OpenAsync(Path.Combine(folder, "sextant.db"));
            var current = DriftScenario.Columns(1_000_000, seed: 8, DriftShift.None, numericOnly: true);
            var watch = Stopwatch.StartNew();
            var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
            var batch = new List<Sextant.Monitoring.PredictionRecord>(500);
            var json = new System.Text.StringBuilder();
            for (var r = 0; r < 1_000_000; r++)
            {
                json.Clear().Append('{');
                for (var c = 0; c < current.Count; c++)
                {
                    json.Append(c == 0 ? "\"" : ",\"").Append(current[c].Name).Append("\":").Append(current[c].Numbers![r].ToString("R", CultureInfo.InvariantCulture));
                }

                json.Append('}');
                batch.Add(new Sextant.Monitoring.PredictionRecord($"r{r}", "bench", 1, "prod", start.AddMilliseconds(r), json.ToString(), r * 0.001, 0.1));
                if (batch.Count == 500)
                {
                    await store.LogPredictionsAsync(batch);
                    batch.Clear();
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"logged 1,000,000 predictions in {watch.Elapsed.TotalSeconds:F1} s (batches of 500, the server's)"));
            foreach (var referenceRows in new[] { 1_000, 100_000 })
            {
                var profile = ReferenceProfiler.Build(DriftScenario.Columns(referenceRows, seed: 7, DriftShift.None, numericOnly: true));
                var reads = new List<double>();
                var totals = new List<double>();
                DriftReport? report = null;
                for (var k = 0; k < 5; k++)
                {
                    watch.Restart();
                    var window = await store.ReadPredictionWindowAsync(new Sextant.Monitoring.Window.PredictionWindowQuery { Model = "bench", Version = 1, Last = 1_000_000 });
                    reads.Add(watch.Elapsed.TotalSeconds);
                    var columns = profile.Features.Select(f => window.Column(f.Name, f.Kind)!).ToList();
                    report = DriftDetector.Check(profile, columns);
                    totals.Add(watch.Elapsed.TotalSeconds);
                }

                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"reference {referenceRows:N0} rows ({report!.Features[0].Method}), {Environment.ProcessorCount} threads: read + check {totals.Min():F3} s (read {reads.Min():F3} s); all: {string.Join(", ", totals.Select(t => t.ToString("F3", CultureInfo.InvariantCulture)))}; rows {report.CurrentRows:N0}, drifted {report.DriftedFeatures}"));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Percent(int count, int total) => total == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * count / total:0.#}%");

    /// <summary>Which part of the distribution a current window shifts.</summary>
    internal enum DriftShift
    {
        None,
        TwoNumeric,
        Categorical,
    }

    /// <summary>
    /// Ten numeric features of different shapes (normal, wide normal, lognormal, exponential, uniform, Student t with 3
    /// degrees of freedom, gamma(2), a rounded normal with ties, a bimodal mixture, a squared uniform) and three
    /// categorical ones (3 categories 50/30/20, 5 categories 30/25/20/15/10, binary 70/30). The shifts: "normal" and
    /// "lognormal" move by +0.5 of their standard deviation; "plan" loses 10 points of "a" (50% -> 40%), the others
    /// gain in proportion (30 -> 36, 20 -> 24). The same generator as tests/Sextant.Core.Tests/Monitoring/Drift/DriftScenario.cs.
    /// </summary>
    internal static class DriftScenario
    {
        public const string ShiftedCategorical = "plan";

        public static readonly string[] ShiftedNumeric = ["normal", "lognormal"];

        private static readonly string[] s_numeric =
            ["normal", "normal_wide", "lognormal", "exponential", "uniform", "student_t3", "gamma2", "rounded", "bimodal", "uniform_squared"];

        // Population sd of lognormal(0, 0.75): sqrt((e^0.5625 - 1) e^0.5625).
        private static readonly double s_lognormalSd = Math.Sqrt((Math.Exp(0.5625) - 1) * Math.Exp(0.5625));

        public static IReadOnlyList<(string Name, DriftOptions Options)> OptionSets(int referenceRows) => referenceRows <= 1_000
            ?
            [
                ("evidently defaults (p < 0.05)", new DriftOptions()),
                ("p < 0.01", new DriftOptions { PValueThreshold = 0.01 }),
            ]
            :
            [
                ("evidently defaults (wasserstein, jensen-shannon 0.1)", new DriftOptions()),
                ("jensen-shannon 0.05 on categoricals", new DriftOptions
                {
                    Features = new Dictionary<string, FeatureDriftOptions>
                    {
                        ["plan"] = new() { Method = "jensenshannon", Threshold = 0.05 },
                        ["region"] = new() { Method = "jensenshannon", Threshold = 0.05 },
                        ["flag"] = new() { Method = "jensenshannon", Threshold = 0.05 },
                    },
                }),
                ("p-value tests p < 0.01 (ks, chisquare, z)", new DriftOptions
                {
                    PValueThreshold = 0.01,
                    Features = s_numeric.ToDictionary(n => n, _ => new FeatureDriftOptions { Method = "ks" })
                        .Concat(new Dictionary<string, FeatureDriftOptions>
                        {
                            ["plan"] = new() { Method = "chisquare" },
                            ["region"] = new() { Method = "chisquare" },
                            ["flag"] = new() { Method = "z" },
                        })
                        .ToDictionary(),
                }),
            ];

        public static ReferenceProfile Profile(int referenceRows, int seed) =>
            ReferenceProfiler.Build(Columns(referenceRows, seed, DriftShift.None), options: new ReferenceProfileOptions { Seed = seed });

        public static IReadOnlyList<DriftColumn> Current(int rows, int seed, DriftShift shift) => Columns(rows, seed + 1_000_003, shift);

        public static IReadOnlyList<DriftColumn> Columns(int rows, int seed, DriftShift shift, bool numericOnly = false)
        {
            var columns = new DriftColumn[numericOnly ? 10 : 13];
            Parallel.For(0, columns.Length, c =>
            {
                var random = new Random(unchecked((seed * 7919) + c));
                columns[c] = c < 10
                    ? DriftColumn.Numeric(s_numeric[c], Numeric(c, rows, random, shift == DriftShift.TwoNumeric))
                    : DriftColumn.Categorical(
                        c == 10 ? "plan" : c == 11 ? "region" : "flag",
                        c == 10 ? Labels(rows, random, shift == DriftShift.Categorical ? [0.4, 0.36, 0.24] : [0.5, 0.3, 0.2], ["a", "b", "c"])
                        : c == 11 ? Labels(rows, random, [0.3, 0.25, 0.2, 0.15, 0.1], ["north", "east", "south", "west", "centre"])
                        : Labels(rows, random, [0.7, 0.3], ["yes", "no"]));
            });
            return columns;
        }

        private static double[] Numeric(int feature, int rows, Random random, bool shifted)
        {
            var values = new double[rows];
            for (var i = 0; i < rows; i++)
            {
                values[i] = feature switch
                {
                    0 => 10 + (2 * Normal(random)) + (shifted ? 0.5 * 2 : 0),
                    1 => -5 + (20 * Normal(random)),
                    2 => Math.Exp(0.75 * Normal(random)) + (shifted ? 0.5 * s_lognormalSd : 0),
                    3 => -Math.Log(1 - random.NextDouble()),
                    4 => 100 * random.NextDouble(),
                    5 => Normal(random) / Math.Sqrt(ChiSquare3(random) / 3),
                    6 => -Math.Log(1 - random.NextDouble()) - Math.Log(1 - random.NextDouble()),
                    7 => Math.Round(30 + (5.5 * Normal(random))),
                    8 => (random.NextDouble() < 0.5 ? 0 : 4) + Normal(random),
                    _ => Math.Pow(random.NextDouble(), 2),
                };
            }

            return values;
        }

        private static string?[] Labels(int rows, Random random, double[] shares, string[] names)
        {
            var labels = new string?[rows];
            for (var i = 0; i < rows; i++)
            {
                var u = random.NextDouble();
                var k = 0;
                while (k < shares.Length - 1 && u >= shares[k])
                {
                    u -= shares[k];
                    k++;
                }

                labels[i] = names[k];
            }

            return labels;
        }

        private static double ChiSquare3(Random random)
        {
            double sum = 0;
            for (var k = 0; k < 3; k++)
            {
                var z = Normal(random);
                sum += z * z;
            }

            return sum;
        }

        private static double Normal(Random random)
        {
            // Box-Muller, one value per call: simple and exact in distribution.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
    }
}
