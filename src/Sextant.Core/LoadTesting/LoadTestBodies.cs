using System.Text.Json;
using System.Text.Json.Nodes;
using Sextant.Data;
using Sextant.Projects;
using Sextant.Schema;

namespace Sextant.LoadTesting;

/// <summary>
/// The feature records a load test sends, sampled from a project's latest stored dataset (its features only, not the
/// target) or read from a file of records (a JSON array of objects, or JSON lines), in a seeded random order.
/// </summary>
public sealed class LoadTestBodies
{
    private LoadTestBodies(IReadOnlyList<JsonObject> records, string source, IReadOnlyList<string?>? actuals = null)
    {
        Records = records;
        Source = source;
        Actuals = actuals;
    }

    /// <summary>
    /// The target value of each record (null where missing) when the records were sampled from a project's dataset;
    /// <see langword="null"/> for records from a file. What <c>sextant traffic --feedback</c> sends as labels.
    /// </summary>
    public IReadOnlyList<string?>? Actuals { get; }

    /// <summary>The records, in the order requests take them (request n takes record n modulo the count).</summary>
    public IReadOnlyList<JsonObject> Records { get; }

    /// <summary>Where the records came from, for the report.</summary>
    public string Source { get; }

    /// <summary>Records from a project folder (one holding <c>sextant.yaml</c>) or a file of records.</summary>
    /// <param name="path">A project folder or a <c>.json</c>/<c>.jsonl</c> file.</param>
    /// <param name="maxRecords">Most records kept. <value>Default 1,000.</value></param>
    /// <param name="seed">Seed of the sample and its order.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public static async Task<LoadTestBodies> LoadAsync(string path, int maxRecords = 1_000, int seed = 1, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecords, 1);
        if (Directory.Exists(path))
        {
            await using var project = await SextantProject.OpenAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
            var (info, table) = await project.Store.LoadDatasetAsync(project.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            // Only the sampled rows become records: a large dataset is not turned into JSON to keep a thousand of it.
            var rows = Sample(NotEmpty(table.RowCount, path), maxRecords, seed);
            var actuals = table.TryGetColumn(project.Config.Target, out var target) ? rows.Select(target.FormatValue).ToList() : null;
            return new LoadTestBodies(FromTable(table, project.Schema.Features, rows), $"{Path.GetFullPath(path)} (dataset '{project.Name}' v{info.Version}, {table.RowCount} rows)", actuals);
        }

        if (File.Exists(path))
        {
            var records = await ReadRecordsAsync(path, cancellationToken).ConfigureAwait(false);
            return new LoadTestBodies([.. Sample(NotEmpty(records.Count, path), maxRecords, seed).Select(i => records[i])], Path.GetFullPath(path));
        }

        throw new SextantException($"'{path}' is neither a project folder nor a file of records.");
    }

    // The first maxRecords of a seeded shuffle of 0..count-1.
    private static int[] Sample(int count, int maxRecords, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        return order[..Math.Min(maxRecords, count)];
    }

    private static int NotEmpty(int count, string path) =>
        count > 0 ? count : throw new SextantException($"'{path}' holds no records to send.");

    /// <summary>Records given directly (e.g. by a test or a library caller).</summary>
    public static LoadTestBodies FromRecords(IReadOnlyList<JsonObject> records, string source)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfZero(records.Count);
        return new LoadTestBodies(records, source);
    }

    private static List<JsonObject> FromTable(Table table, IReadOnlyList<FeatureDefinition> features, int[] rows)
    {
        var columns = features.Where(f => table.Contains(f.Name)).Select(f => table[f.Name]).ToList();
        var records = new List<JsonObject>(rows.Length);
        foreach (var row in rows)
        {
            var record = new JsonObject();
            foreach (var column in columns)
            {
                // A missing value is left out, as a client leaves out what it does not know.
                if (column.IsMissing(row))
                {
                    continue;
                }

                record[column.Name] = column is NumericColumn numeric ? JsonValue.Create(numeric[row]) : JsonValue.Create(column.FormatValue(row));
            }

            records.Add(record);
        }

        return records;
    }

    private static async Task<List<JsonObject>> ReadRecordsAsync(string path, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            if (text.TrimStart().StartsWith('['))
            {
                var array = JsonNode.Parse(text) as JsonArray ?? throw new SextantException($"'{path}' is not a JSON array.");
                return [.. array.Select((node, i) => node as JsonObject ?? throw new SextantException($"'{path}': item {i} is not a JSON object."))];
            }

            return [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)
                .Select((line, i) => JsonNode.Parse(line) as JsonObject ?? throw new SextantException($"'{path}': line {i + 1} is not a JSON object."))];
        }
        catch (JsonException ex)
        {
            throw new SextantException($"'{path}' is neither a JSON array of records nor JSON lines: {ex.Message}");
        }
    }
}
