using Sextant.Data.Cleaning;
using Sextant.Projects;
using Sextant.Storage;

namespace Sextant.Data.Ingest;

/// <summary>Reads a project's source, cleans it and stores it as a new dataset version. The store is untouched on any error.</summary>
public static class Ingestion
{
    public static async Task<IngestReport> IngestAsync(SextantProject project, string? file = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        var path = file is null ? project.DataPath : Path.GetFullPath(file);
        var dropped = project.Config.Cleaning.DropColumns.Intersect(project.Config.Features.Select(f => f.Name).Append(project.Config.Target)).ToList();
        if (dropped.Count > 0)
        {
            throw new SextantException($"cleaning.drop_columns removes {string.Join(", ", dropped)}, which sextant.yaml also uses as a feature or the target.");
        }

        return await IngestFileAsync(project.Store, project.Name, path, project.ReadOptions(), project.Config.Cleaning, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a CSV file (any encoding, as <paramref name="options"/> say) or a Parquet file (by its extension; typed
    /// columns), cleans it and stores it as the next version of <paramref name="name"/>. A CSV file whose cleaning rules
    /// are row-local (<see cref="TableCleaner.IsRowLocal"/>) is streamed: read, cleaned, hashed and written to Parquet
    /// chunk by chunk, so memory holds a few chunks whatever the file's size. De-duplication, outliers and fill by a
    /// statistic need every row: the file is then read whole (into columns) and cleaned as one table.
    /// </summary>
    public static async Task<IngestReport> IngestFileAsync(ProjectStore store, string name, string path, CsvReadOptions options, CleaningConfig cleaning, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(cleaning);
        var parquet = path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);
        if (!parquet && TableCleaner.IsRowLocal(cleaning))
        {
            return await StreamCsvAsync(store, name, path, options, cleaning, cancellationToken).ConfigureAwait(false);
        }

        var read = await ReadAsync(path, parquet, options, cancellationToken).ConfigureAwait(false);
        var (clean, steps) = TableCleaner.Clean(read.Table, cleaning);
        var missing = read.Table.Columns.Select(c => c.MissingCount).ToArray();
        var partial = Report(path, read.Encoding, read.DataRows, read.Table.Columns, missing, steps, clean.RowCount, clean.ColumnCount, name);
        var info = await store.SaveDatasetAsync(name, clean, path, read.Encoding.Name, partial, cancellationToken).ConfigureAwait(false);
        return partial with { Version = info.Version, Table = info.TableName, Fingerprint = info.Fingerprint };
    }

    private static async Task<IngestReport> StreamCsvAsync(ProjectStore store, string name, string path, CsvReadOptions options, CleaningConfig cleaning, CancellationToken cancellationToken)
    {
        await using var writer = store.CreateDatasetWriter();
        var cleaner = new ChunkCleaner(cleaning);
        IReadOnlyList<Column>? columns = null;
        long[] missing = [];
        var (encoding, rows) = await CsvTableReader.StreamAsync(path, options, async (chunk, token) =>
        {
            if (columns is null)
            {
                columns = chunk.Columns;
                missing = new long[columns.Count];
            }

            for (var c = 0; c < missing.Length; c++)
            {
                missing[c] += chunk.Columns[c].MissingCount;
            }

            await writer.WriteAsync(cleaner.Clean(chunk), token).ConfigureAwait(false);
        }, async () =>
        {
            columns = null;
            cleaner = new ChunkCleaner(cleaning);
            await writer.ResetAsync().ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        var partial = Report(path, encoding, rows, columns!, [.. missing.Select(m => checked((int)m))], cleaner.Steps(), writer.Rows, writer.Columns.Count, name);
        var info = await writer.CommitAsync(name, path, encoding.Name, partial, cancellationToken).ConfigureAwait(false);
        return partial with { Version = info.Version, Table = info.TableName, Fingerprint = info.Fingerprint };
    }

    private static IngestReport Report(string path, DetectedEncoding encoding, int rowsRead, IReadOnlyList<Column> columns, int[] missing, IReadOnlyList<CleaningStep> steps, int rowsStored, int columnsStored, string name)
    {
        if (rowsStored == 0)
        {
            throw Emptied(path, steps);
        }

        return new IngestReport(path, encoding.Name, encoding.Reason, rowsRead, columns.Count,
            columns.ToDictionary(c => c.Name, c => c.Type.ToString().ToLowerInvariant()),
            columns.Select((c, i) => (c.Name, Missing: missing[i])).Where(c => c.Missing > 0).ToDictionary(c => c.Name, c => c.Missing),
            steps, rowsStored, columnsStored, name, 0, "", "");
    }

    private static SextantException Emptied(string path, IReadOnlyList<CleaningStep> steps) =>
        new($"Cleaning removed every row of {path}; nothing was stored. Steps: {string.Join("; ", steps.Select(s => $"{s.Rule}: {s.Detail}"))}.");

    /// <summary>A CSV file (any encoding, as the read options say) or a Parquet file (typed columns).</summary>
    private static async Task<CsvReadResult> ReadAsync(string path, bool parquet, CsvReadOptions options, CancellationToken cancellationToken)
    {
        if (!parquet)
        {
            return await CsvTableReader.ReadAsync(path, options, cancellationToken).ConfigureAwait(false);
        }

        if (!File.Exists(path))
        {
            throw new DataFileException($"Data file not found: {path}");
        }

        var (table, _) = await Storage.Columnar.ParquetTables.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        return new CsvReadResult(table, new DetectedEncoding(System.Text.Encoding.UTF8, "parquet", 0, "Parquet file: typed columns, UTF-8 strings"), table.RowCount);
    }
}
