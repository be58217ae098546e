using System.Diagnostics;
using System.Globalization;
using Sextant.Storage;
using Sextant.Storage.Sql;
using Sextant.Tracking;

namespace Sextant.Bench;

/// <summary>
/// Tracking at scale: records N runs (20 metrics, 5 params, 2 tags each) in a store, then times <c>runs list --filter</c>
/// queries over them. SQLite always; PostgreSQL when <c>--postgres URL</c> (or SEXTANT_BENCH_POSTGRES) is given.
/// </summary>
internal static class RegistryBenchmarks
{
    private static readonly string[] s_filters =
    [
        "metrics.m03 < 0.1",
        "metrics.m03 < 0.5 AND params.learner = 'gbm'",
        "params.learner IN ('gbm', 'ridge') AND (metrics.m07 > 0.9 OR tags.team = 'pricing')",
        "name LIKE 'run-99%'",
    ];

    public static int Run(string[] args)
    {
        var runs = BenchArguments.Option(args, "--runs") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 10_000;
        var postgres = BenchArguments.Option(args, "--postgres") ?? Environment.GetEnvironmentVariable("SEXTANT_BENCH_POSTGRES");
        Console.WriteLine($"# Tracking benchmark: {runs} runs x (20 metrics, 5 params, 2 tags); {Environment.ProcessorCount} cores; {DateTime.UtcNow:u}");
        var folder = Path.Combine(Path.GetTempPath(), "sextant-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var only = BenchArguments.Option(args, "--only");
            if (only is null or "sqlite")
            {
                MeasureAsync("sqlite", () => SqliteMetadataStore.OpenAsync(Path.Combine(folder, "sextant.db")).ContinueWith(t => (IMetadataStore)t.Result, TaskScheduler.Default), runs).GetAwaiter().GetResult();
            }

            if (postgres is not null && only is null or "postgres")
            {
                MeasureAsync("postgres", () => PostgresMetadataStore.OpenAsync(postgres).ContinueWith(t => (IMetadataStore)t.Result, TaskScheduler.Default), runs).GetAwaiter().GetResult();
            }
            else
            {
                Console.WriteLine("postgres: skipped (pass --postgres postgres://user:password@host:5432/db)");
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        return 0;
    }

    private static async Task MeasureAsync(string name, Func<Task<IMetadataStore>> open, int runs)
    {
        await using var store = await open();
        var project = "bench_" + Guid.NewGuid().ToString("N")[..8];
        var random = new Random(42);
        string[] learners = ["gbm", "ridge", "logistic", "random_forest"];
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            var run = await store.StartRunAsync(new NewRun(project, $"run-{i}"));
            await store.LogParamsAsync(run.Id, new Dictionary<string, string>
            {
                ["learner"] = learners[i % learners.Length], ["rounds"] = (100 + (i % 10) * 50).ToString(CultureInfo.InvariantCulture),
                ["learning_rate"] = "0.1", ["max_leaves"] = "31", ["seed"] = i.ToString(CultureInfo.InvariantCulture),
            });
            await store.SetTagsAsync(run.Id, new Dictionary<string, string> { ["team"] = i % 3 == 0 ? "pricing" : "growth", ["source"] = "bench" });
            await store.LogMetricsAsync(run.Id, Enumerable.Range(0, 20).ToDictionary(m => $"m{m:D2}", _ => random.NextDouble()));
            await store.EndRunAsync(run.Id, RunStatus.Finished);
            if ((i + 1) % 1000 == 0)
            {
                Console.Error.WriteLine($"{name}: {i + 1}/{runs} runs recorded ({watch.Elapsed.TotalSeconds:F1} s)");
            }
        }

        var recordSeconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"{name}: recorded {runs} runs in {recordSeconds:F1} s ({recordSeconds * 1000 / runs:F2} ms per run, 5 transactions each)");
        foreach (var filter in s_filters)
        {
            var times = new List<double>();
            var count = 0;
            for (var repeat = 0; repeat < 7; repeat++)
            {
                var started = Stopwatch.GetTimestamp();
                count = (await store.SearchRunsAsync(project, filter, "metrics.m01 DESC", limit: 100)).Count;
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine($"{name}: runs list --filter \"{filter}\" --order-by \"metrics.m01 DESC\" --limit 100: {count} runs, median {times[times.Count / 2]:F1} ms (min {times[0]:F1}, max {times[^1]:F1})");
        }
    }
}
