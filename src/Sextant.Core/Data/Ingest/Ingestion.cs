using Sextant.Data.Cleaning;
using Sextant.Projects;

namespace Sextant.Data.Ingest;

/// <summary>Reads a project's source, cleans it and stores it as a new dataset version. The store is untouched on any error.</summary>
public static class Ingestion
{
    public static async Task<IngestReport> IngestAsync(SextantProject project, string? file = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        var path = file is null ? project.DataPath : Path.GetFullPath(file);
        var read = await ReadAsync(path, project, cancellationToken).ConfigureAwait(false);
        var dropped = project.Config.Cleaning.DropColumns.Intersect(project.Config.Features.Select(f => f.Name).Append(project.Config.Target)).ToList();
        if (dropped.Count > 0)
        {
            throw new SextantException($"cleaning.drop_columns removes {string.Join(", ", dropped)}, which sextant.yaml also uses as a feature or the target.");
        }

        var (clean, steps) = TableCleaner.Clean(read.Table, project.Config.Cleaning);
        if (clean.RowCount == 0)
        {
            throw new SextantException($"Cleaning removed every row of {path}; nothing was stored. Steps: {string.Join("; ", steps.Select(s => $"{s.Rule}: {s.Detail}"))}.");
        }

        var partial = new IngestReport(path, read.Encoding.Name, read.Encoding.Reason, read.DataRows, read.Table.ColumnCount,
            read.Table.Columns.ToDictionary(c => c.Name, c => c.Type.ToString().ToLowerInvariant()),
            read.Table.Columns.Where(c => c.MissingCount > 0).ToDictionary(c => c.Name, c => c.MissingCount),
            steps, clean.RowCount, clean.ColumnCount, project.Name, 0, "", "");
        var info = await project.Store.SaveDatasetAsync(project.Name, clean, path, read.Encoding.Name, partial, cancellationToken).ConfigureAwait(false);
        return partial with { Version = info.Version, Table = info.TableName, Fingerprint = info.Fingerprint };
    }

    /// <summary>A CSV file (any encoding, as the project's read options say) or a Parquet file (by its extension; typed columns).</summary>
    private static async Task<CsvReadResult> ReadAsync(string path, SextantProject project, CancellationToken cancellationToken)
    {
        if (!path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            return await CsvTableReader.ReadAsync(path, project.ReadOptions(), cancellationToken).ConfigureAwait(false);
        }

        if (!File.Exists(path))
        {
            throw new DataFileException($"Data file not found: {path}");
        }

        var (table, _) = await Storage.Columnar.ParquetTables.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        return new CsvReadResult(table, new DetectedEncoding(System.Text.Encoding.UTF8, "parquet", 0, "Parquet file: typed columns, UTF-8 strings"), table.RowCount);
    }
}
