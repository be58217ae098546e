using System.Diagnostics;
using System.Globalization;
using Sextant.Data;
using Sextant.Projects;
using Sextant.Reports.Eda;
using Sextant.Reports.Rendering;
using Sextant.Schema;

namespace Sextant.Bench;

/// <summary>
/// Time and memory of one EDA report on a seeded table (default 1M rows x 20 columns: 12 numeric features of several shapes,
/// 3 with 2% missing; 6 categorical with 3 to 1,000 levels; 1 date; a numeric regression target):
/// the computation (<see cref="EdaAnalyzer"/>) and the rendering of HTML and Markdown, in-process from a table in
/// memory (loading from the store is not timed here).
/// </summary>
internal static class EdaBenchmarks
{
    public static int Run(string[] args)
    {
        var rows = BenchArguments.Option(args, "--rows") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 1_000_000;
        var repeat = BenchArguments.Option(args, "--repeat") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 3;
        var table = Table(rows, seed: 7);
        var schema = new FeatureSchema
        {
            Task = ProjectTask.Regression,
            Target = "target",
            Features = [.. table.Columns.Where(c => c.Name != "target").Select(c => new FeatureDefinition
            {
                Name = c.Name,
                Type = c.Type switch { ColumnType.Numeric => FeatureKind.Numeric, ColumnType.Date => FeatureKind.Date, _ => FeatureKind.Categorical },
            })],
        };
        var input = new EdaInput { Dataset = "bench", Version = 1, Fingerprint = "bench", Schema = schema };
        GC.Collect();
        var baseline = Process.GetCurrentProcess().WorkingSet64;
        Console.WriteLine($"# EDA benchmark: {rows:N0} rows x {table.ColumnCount} columns; {Environment.ProcessorCount} cores; {DateTime.UtcNow:u}");
        Console.WriteLine($"table in memory: working set {baseline / 1e6:F0} MB");
        Console.WriteLine("| run | compute s | render s | allocated MB | peak working set MB |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        for (var i = 0; i < repeat; i++)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            var stages = new List<string>();
            var report = EdaAnalyzer.Analyze(table, input, progress: new StageClock(watch, stages));
            var compute = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var document = EdaDocument.Build(report);
            var html = ReportRenderer.ToHtml(document);
            var markdown = ReportRenderer.ToMarkdown(document);
            var render = watch.Elapsed.TotalSeconds;
            var mb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6;
            Console.Error.WriteLine("stages: " + string.Join(", ", stages));
            Console.WriteLine($"| {i + 1} | {compute:F2} | {render:F2} | {mb:F0} | {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} |");
            if (i == repeat - 1)
            {
                Console.WriteLine($"html {html.Length / 1e6:F1} MB, {markdown.Files.Count} chart files, {report.Warnings.Count} warnings");
            }
        }

        return 0;
    }

    private static Table Table(int rows, int seed)
    {
        var random = new Random(seed);
        var columns = new List<Column>();
        var normals = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            normals[i] = Normal(random);
        }

        for (var c = 0; c < 12; c++)
        {
            var values = new double[rows];
            for (var i = 0; i < rows; i++)
            {
                values[i] = (c % 4) switch
                {
                    0 => (normals[i] * 0.5) + Normal(random),
                    1 => Math.Exp(Normal(random)),
                    2 => random.Next(0, 50),
                    _ => random.NextDouble() * 1000,
                };
                if (c < 3 && random.NextDouble() < 0.02)
                {
                    values[i] = double.NaN;
                }
            }

            columns.Add(new NumericColumn($"num_{c}", values));
        }

        int[] levels = [3, 5, 10, 20, 40, 1000];
        for (var c = 0; c < levels.Length; c++)
        {
            var names = Enumerable.Range(0, levels[c]).Select(l => $"level_{l}").ToArray();
            var values = new string?[rows];
            for (var i = 0; i < rows; i++)
            {
                values[i] = names[(int)(levels[c] * Math.Pow(random.NextDouble(), 1.5))];
            }

            columns.Add(new TextColumn($"cat_{c}", values));
        }

        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        columns.Add(new DateColumn("date", [.. Enumerable.Range(0, rows).Select(i => (DateTime?)start.AddMinutes(i * 2.0))]));
        var target = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            target[i] = (3 * normals[i]) + Normal(random) + 100;
        }

        columns.Add(new NumericColumn("target", target));
        return new Table(columns);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>When each stage of the computation ended (the progress reports are the clock).</summary>
    private sealed class StageClock(Stopwatch watch, List<string> stages) : IProgress<EdaProgress>
    {
        public void Report(EdaProgress value)
        {
            if (value.Done == value.Total || value.Done == 0)
            {
                stages.Add($"{value.Stage} {value.Done}/{value.Total} at {watch.Elapsed.TotalSeconds:F2} s");
            }
        }
    }
}
