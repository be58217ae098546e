using Sextant.Projects;

namespace Sextant.Data.Cleaning;

/// <summary>
/// Applies the row-local cleaning rules (<see cref="TableCleaner.IsRowLocal"/>: drop columns, drop missing, fill with
/// a constant) to a table given chunk by chunk, and reports the steps for all the chunks together, as
/// <see cref="TableCleaner.Clean"/> would for the whole table.
/// </summary>
internal sealed class ChunkCleaner
{
    private readonly CleaningConfig _config;
    private readonly Dictionary<string, int> _filled = new(StringComparer.Ordinal);
    private List<string>? _present;
    private int _rowsIn;
    private int _afterDropMissing;

    public ChunkCleaner(CleaningConfig config)
    {
        if (!TableCleaner.IsRowLocal(config))
        {
            throw new ArgumentException("De-duplication, outliers and fill by a statistic need the whole table.", nameof(config));
        }

        _config = config;
    }

    public Table Clean(Table chunk)
    {
        _rowsIn += chunk.RowCount;
        if (_config.DropColumns.Count > 0)
        {
            _present ??= [.. _config.DropColumns.Where(chunk.Contains)];
            chunk = chunk.Without(_present);
        }

        if (_config.DropMissing.Count > 0)
        {
            chunk = TableCleaner.DropMissing(chunk, _config);
        }

        _afterDropMissing += chunk.RowCount;
        if (_config.Fill.Count > 0)
        {
            chunk = TableCleaner.Fill(chunk, _config, _filled);
        }

        return chunk;
    }

    public IReadOnlyList<CleaningStep> Steps()
    {
        var steps = new List<CleaningStep>();
        if (_config.DropColumns.Count > 0)
        {
            steps.Add(TableCleaner.DropColumnsStep(_config, _present ?? [], _rowsIn));
        }

        if (_config.DropMissing.Count > 0)
        {
            steps.Add(TableCleaner.DropMissingStep(_config, _rowsIn, _afterDropMissing));
        }

        if (_config.Fill.Count > 0)
        {
            steps.Add(TableCleaner.FillStep(_config, _filled, _afterDropMissing));
        }

        return steps;
    }
}
