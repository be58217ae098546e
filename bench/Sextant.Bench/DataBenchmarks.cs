using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sextant.Data;
using Sextant.Data.Ingest;
using Sextant.Storage;
using Sextant.Storage.Columnar;

namespace Sextant.Bench;

/// <summary>
/// The columnar data layer: (a) ingest of a seeded 1M-row x 20-column CSV (12 numeric, 6 text, 2 date columns) to a
/// stored version (<see cref="Ingestion.IngestFileAsync"/>: streamed read + type + clean + fingerprint + Parquet +
/// catalogue) with the process's peak RSS; the anchor is <c>bench/anchors/data.py</c> (pandas.read_csv alone on the
/// same file). <c>--rows 12500000 --no-load</c> makes a ~2 GB file for the memory bar (<c>--only generate</c> writes it
/// without ingesting, so the ingest can run in a process of its own). (b) A GROUP BY over a stored
/// 10M-row version through <see cref="SqlWorkspace"/> (DuckDB over the Parquet file).
/// </summary>
internal static class DataBenchmarks
{
    public static int Run(string[] args)
    {
        var rows = BenchArguments.Option(args, "--rows") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 1_000_000;
        var groupRows = BenchArguments.Option(args, "--group-rows") is { } g ? int.Parse(g, CultureInfo.InvariantCulture) : 10_000_000;
        var folder = BenchArguments.Option(args, "--folder") ?? Path.Combine(Path.GetTempPath(), "sextant-bench-data");
        var only = BenchArguments.Option(args, "--only");
        var load = !args.Contains("--no-load");
        Directory.CreateDirectory(folder);
        Console.WriteLine($"# Data benchmark: {Environment.ProcessorCount} cores; {DateTime.UtcNow:u}; folder {folder}");
        if (only is "generate")
        {
            var path = Path.Combine(folder, $"wide_{rows}.csv");
            WriteCsv(path, rows);
            Console.WriteLine($"wrote {path}: {new FileInfo(path).Length / 1e6:F0} MB");
        }

        if (only is null or "ingest")
        {
            IngestAsync(folder, rows, load).GetAwaiter().GetResult();
        }

        if (only is "phases")
        {
            PhasesAsync(folder, rows).GetAwaiter().GetResult();
        }

        if (only is null or "groupby")
        {
            GroupByAsync(folder, groupRows).GetAwaiter().GetResult();
        }

        return 0;
    }

    private static async Task IngestAsync(string folder, int rows, bool load)
    {
        var csv = Path.Combine(folder, $"wide_{rows}.csv");
        if (!File.Exists(csv))
        {
            WriteCsv(csv, rows);
        }

        Console.WriteLine($"CSV {csv}: {new FileInfo(csv).Length / 1e6:F0} MB, {rows:N0} rows x 20 columns (python3 bench/anchors/data.py {csv} for pandas)");
        var storeFolder = Path.Combine(folder, "store-" + Guid.NewGuid().ToString("N")[..8]);
        var store = await ProjectStore.OpenAsync(storeFolder);
        GC.Collect();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();
        var report = await Ingestion.IngestFileAsync(store, "wide", csv, new CsvReadOptions(), new Sextant.Projects.CleaningConfig());
        var all = total.Elapsed;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var info = await store.FindDatasetAsync("wide");
        var parquet = new FileInfo(store.DatasetFilePath(info)).Length;
        var cpu = process.TotalProcessorTime - cpuBefore;
        Console.WriteLine($"sextant ingest (streamed read + type + fingerprint + parquet + catalogue, {report.RowsStored:N0} rows): {all.TotalSeconds:F2} s (CPU {cpu.TotalSeconds:F2} s); "
            + $"peak RSS {process.PeakWorkingSet64 / 1e6:F0} MB; parquet {parquet / 1e6:F1} MB; types {string.Join(" ", report.ColumnTypes.Values.GroupBy(t => t).Select(g => $"{g.Count()} {g.Key}"))}");
        if (!load)
        {
            Directory.Delete(storeFolder, recursive: true);
            return;
        }

        var loading = Stopwatch.StartNew();
        var (_, table) = await store.LoadDatasetAsync("wide");
        Console.WriteLine($"load version into columns: {loading.Elapsed.TotalSeconds:F2} s ({table.RowCount:N0} rows)");
        Directory.Delete(storeFolder, recursive: true);
    }

    /// <summary>Where an ingest's time goes: the read into columns alone, the fingerprint alone, the Parquet write alone.</summary>
    private static async Task PhasesAsync(string folder, int rows)
    {
        var csv = Path.Combine(folder, $"wide_{rows}.csv");
        var watch = Stopwatch.StartNew();
        var read = await CsvTableReader.ReadAsync(csv, new CsvReadOptions());
        Console.WriteLine($"read + type into columns: {watch.Elapsed.TotalSeconds:F2} s");
        watch.Restart();
        var fingerprint = DatasetFingerprint.Compute(read.Table);
        Console.WriteLine($"fingerprint: {watch.Elapsed.TotalSeconds:F2} s ({fingerprint[..12]})");
        var parquet = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".parquet");
        watch.Restart();
        await ParquetTables.WriteAsync(read.Table, parquet);
        Console.WriteLine($"parquet write: {watch.Elapsed.TotalSeconds:F2} s");
        File.Delete(parquet);
    }

    private static async Task GroupByAsync(string folder, int rows)
    {
        var storeFolder = Path.Combine(folder, $"group-{rows}");
        var store = await ProjectStore.OpenAsync(storeFolder);
        if ((await store.ListDatasetsAsync("events")).Count == 0)
        {
            var random = new Random(7);
            string[] segments = [.. Enumerable.Range(0, 50).Select(i => "segment_" + i.ToString("D2", CultureInfo.InvariantCulture))];
            var segment = new string?[rows];
            var value = new double[rows];
            var quantity = new double[rows];
            for (var i = 0; i < rows; i++)
            {
                segment[i] = segments[random.Next(segments.Length)];
                value[i] = Math.Round(random.NextDouble() * 1000, 2);
                quantity[i] = random.Next(1, 100);
            }

            var write = Stopwatch.StartNew();
            await store.SaveDatasetAsync("events", new Table([new TextColumn("segment", segment), new NumericColumn("value", value), new NumericColumn("quantity", quantity)]), "generated", "none", new { });
            Console.WriteLine($"stored {rows:N0} rows x 3 columns in {write.Elapsed.TotalSeconds:F1} s");
        }

        const string sql = "SELECT segment, COUNT(*) AS n, SUM(value) AS total, AVG(quantity) AS mean_quantity FROM events GROUP BY segment ORDER BY total DESC";
        var times = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            var watch = Stopwatch.StartNew();
            var result = await store.QueryAsync(sql);
            times.Add(watch.Elapsed.TotalSeconds);
            if (result.Rows.Count != 50)
            {
                throw new InvalidOperationException($"expected 50 groups, got {result.Rows.Count}");
            }
        }

        times.RemoveAt(0);
        times.Sort();
        Console.WriteLine($"GROUP BY over {rows:N0} rows (50 groups, whole 'sextant data query' path: catalogue, DuckDB views, query): median {times[2]:F3} s, min {times[0]:F3} s, max {times[^1]:F3} s (first run excluded)");
    }

    /// <summary>A seeded CSV like a wide business table: ids, amounts, rates, counts, categories, dates, some blanks.</summary>
    private static void WriteCsv(string path, int rows)
    {
        var random = new Random(42);
        string[] countries = ["USA", "France", "Spain", "Germany", "Japan", "Australia", "UK", "Italy", "Norway", "Canada"];
        string[] lines = ["Classic Cars", "Motorcycles", "Planes", "Ships", "Trains", "Trucks and Buses", "Vintage Cars"];
        string[] sizes = ["Small", "Medium", "Large"];
        string[] status = ["Shipped", "Cancelled", "On Hold", "Resolved", "In Process"];
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.WriteLine(string.Join(',', Enumerable.Range(1, 12).Select(i => "num" + i).Concat(["country", "product_line", "deal_size", "status", "city", "code", "order_date", "ship_date"])));
        var line = new StringBuilder();
        var start = new DateTime(2003, 1, 1);
        for (var r = 0; r < rows; r++)
        {
            line.Clear();
            line.Append(r).Append(',');
            line.Append((random.NextDouble() * 10_000).ToString("F2", CultureInfo.InvariantCulture)).Append(',');
            line.Append(random.Next(1, 100)).Append(',');
            line.Append(random.NextDouble().ToString("F6", CultureInfo.InvariantCulture)).Append(',');
            for (var i = 5; i <= 12; i++)
            {
                if (random.Next(100) == 0)
                {
                    line.Append(',');
                    continue;
                }

                line.Append((random.NextDouble() * i * 100 - 50).ToString("F3", CultureInfo.InvariantCulture)).Append(',');
            }

            line.Append(countries[random.Next(countries.Length)]).Append(',');
            line.Append(lines[random.Next(lines.Length)]).Append(',');
            line.Append(sizes[random.Next(sizes.Length)]).Append(',');
            line.Append(status[random.Next(status.Length)]).Append(',');
            line.Append("city_").Append(random.Next(500)).Append(',');
            line.Append('C').Append(random.Next(100_000).ToString("D5", CultureInfo.InvariantCulture)).Append(',');
            var order = start.AddDays(random.Next(0, 900));
            line.Append(order.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',');
            line.Append(order.AddDays(random.Next(1, 30)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteLine(line);
        }
    }
}
