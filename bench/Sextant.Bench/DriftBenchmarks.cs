using System.Diagnostics;
using System.Globalization;
using Sextant.Core.Tests.Monitoring.Drift;
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
        int[] references = BenchArguments.Option(args, "--reference") is { } r ? [int.Parse(r, CultureInfo.InvariantCulture)] : [1_000, 100_000];
        Console.WriteLine($"# Drift benchmark: {seeds} seeds; {Environment.ProcessorCount} cores; {DateTime.UtcNow:u}");
        if (only is null or "rates")
        {
            foreach (var referenceRows in references)
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

    /// <summary>The option sets compared per reference regime: Evidently's defaults, stricter thresholds, the corrected rule.</summary>
    private static IReadOnlyList<(string Name, DriftOptions Options)> OptionSets(int referenceRows) => referenceRows <= 1_000
        ?
        [
            ("evidently defaults (p < 0.05)", new DriftOptions { DatasetRule = DatasetDriftRule.DriftedFeatures }),
            ("p < 0.01", new DriftOptions { DatasetRule = DatasetDriftRule.DriftedFeatures, PValueThreshold = 0.01 }),
            ("corrected: Holm over the features' p-values, family alpha 0.05", new DriftOptions { DatasetRule = DatasetDriftRule.Corrected }),
        ]
        :
        [
            ("evidently defaults (wasserstein, jensen-shannon 0.1)", new DriftOptions { DatasetRule = DatasetDriftRule.DriftedFeatures }),
            ("jensen-shannon 0.05 on categoricals", new DriftOptions
            {
                DatasetRule = DatasetDriftRule.DriftedFeatures,
                Features = new Dictionary<string, FeatureDriftOptions>
                {
                    ["plan"] = new() { Method = "jensenshannon", Threshold = 0.05 },
                    ["region"] = new() { Method = "jensenshannon", Threshold = 0.05 },
                    ["flag"] = new() { Method = "jensenshannon", Threshold = 0.05 },
                },
            }),
            ("p-value tests p < 0.01 (ks, chisquare, z)", new DriftOptions
            {
                DatasetRule = DatasetDriftRule.DriftedFeatures,
                PValueThreshold = 0.01,
                Features = DriftScenario.NumericFeatures.ToDictionary(n => n, _ => new FeatureDriftOptions { Method = "ks" })
                    .Concat(new Dictionary<string, FeatureDriftOptions>
                    {
                        ["plan"] = new() { Method = "chisquare" },
                        ["region"] = new() { Method = "chisquare" },
                        ["flag"] = new() { Method = "z" },
                    })
                    .ToDictionary(),
            }),
            ("corrected: Holm over KS / chi-square / z p-values of the same data, family alpha 0.05", new DriftOptions { DatasetRule = DatasetDriftRule.Corrected }),
        ];

    private static void Rates(int referenceRows, int seeds, int[] windows)
    {
        var regime = referenceRows <= 1_000 ? "p-value tests" : "distances";
        var sets = OptionSets(referenceRows);
        (string Name, int Window, DriftScenario.Shift Shift)[] cases = [.. windows.Select(w => ("no drift", w, DriftScenario.Shift.None))
            .Append(("2 numeric +0.5 sd", 500, DriftScenario.Shift.TwoNumeric))
            .Append(("categorical 10 points", 500, DriftScenario.Shift.Categorical))];
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
            Console.WriteLine($"| case | window | dataset, configured rule | dataset: {string.Join(" | ", s_rules.Select(r => r.Name))} | per feature | not enough data |");
            Console.WriteLine($"|---|---:|---:|{string.Concat(s_rules.Select(_ => "---:|"))}---|---:|");
            for (var c = 0; c < cases.Length; c++)
            {
                var shifted = cases[c].Shift switch
                {
                    DriftScenario.Shift.TwoNumeric => DriftScenario.ShiftedNumeric,
                    DriftScenario.Shift.Categorical => [DriftScenario.ShiftedCategorical],
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

        var configured = Percent(reports.Count(r => r.DatasetDrift), n);
        Console.WriteLine($"| {name} | {window:N0} | {configured} | {string.Join(" | ", rules)} | {perFeature} | {Percent(reports.Count(r => r.Status == DriftCheckStatus.NotEnoughData), n)} |");
    }

    private static void Speed()
    {
        Console.WriteLine();
        Console.WriteLine("## one check of 1,000,000 current rows x 10 numeric features (fastest of 5)");
        foreach (var referenceRows in new[] { 1_000, 100_000 })
        {
            var reference = DriftScenario.Columns(referenceRows, seed: 7, DriftScenario.Shift.None, numericOnly: true);
            var watch = Stopwatch.StartNew();
            var profile = ReferenceProfiler.Build(reference);
            var profileTime = watch.Elapsed.TotalSeconds;
            var current = DriftScenario.Columns(1_000_000, seed: 8, DriftScenario.Shift.None, numericOnly: true);
            foreach (var (threads, rule) in new[] { (1, DatasetDriftRule.DriftedFeatures), (-1, DatasetDriftRule.DriftedFeatures), (-1, DatasetDriftRule.Corrected) })
            {
                var options = new DriftOptions { MaxDegreeOfParallelism = threads, DatasetRule = rule };
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
                    $"reference {referenceRows:N0} rows ({report!.Features[0].Method}), rule {rule}, {(threads == 1 ? "1 thread" : $"{Environment.ProcessorCount} threads")}: check {times.Min():F3} s (of {string.Join(", ", times.Select(t => t.ToString("F3", CultureInfo.InvariantCulture)))}); profile build {profileTime:F3} s"));
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
            var current = DriftScenario.Columns(1_000_000, seed: 8, DriftScenario.Shift.None, numericOnly: true);
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
                var profile = ReferenceProfiler.Build(DriftScenario.Columns(referenceRows, seed: 7, DriftScenario.Shift.None, numericOnly: true));
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
}
