using Parquet;
using Parquet.Schema;
using Sextant.Data;

namespace Sextant.Storage.Columnar;

/// <summary>
/// Writes a table to a Parquet file as its rows arrive: each <see cref="WriteAsync"/> adds row groups of at most
/// <see cref="ParquetTables.RowGroupSize"/> rows, so only the chunk in hand is in memory. The footer (with the custom
/// metadata) is written by <see cref="CompleteAsync"/>, which flushes the file to disk; a writer disposed before that
/// leaves an unreadable file, which its owner deletes.
/// </summary>
internal sealed class ParquetTableWriter : IAsyncDisposable
{
    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;
    private readonly DataField[] _fields;
    private readonly (string Name, ColumnType Type)[] _columns;
    private bool _wroteGroup;
    private bool _completed;

    private ParquetTableWriter(FileStream stream, ParquetWriter writer, DataField[] fields, (string, ColumnType)[] columns)
    {
        _stream = stream;
        _writer = writer;
        _fields = fields;
        _columns = columns;
    }

    /// <summary>Creates the file (it must not exist) with the schema of <paramref name="columns"/>.</summary>
    public static async Task<ParquetTableWriter> CreateAsync(string path, IReadOnlyList<Column> columns, CancellationToken cancellationToken)
    {
        var fields = columns.Select(ParquetTables.Field).ToArray();
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous);
        try
        {
            var options = new ParquetOptions { CompressionMethod = CompressionMethod.Zstd, CompressionLevel = System.IO.Compression.CompressionLevel.Fastest };
            var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, options, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new ParquetTableWriter(stream, writer, fields, [.. columns.Select(c => (c.Name, c.Type))]);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Appends the rows of <paramref name="table"/>, which has the columns the file was created with.</summary>
    public async Task WriteAsync(Table table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.ColumnCount != _columns.Length || table.Columns.Where((c, i) => c.Name != _columns[i].Name || c.Type != _columns[i].Type).Any())
        {
            throw new ArgumentException($"The rows have columns ({Describe(table.Columns.Select(c => (c.Name, c.Type)))}); the file has ({Describe(_columns)}).", nameof(table));
        }

        for (var start = 0; start < table.RowCount; start += ParquetTables.RowGroupSize)
        {
            await WriteGroupAsync(table, start, Math.Min(ParquetTables.RowGroupSize, table.RowCount - start), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the footer with <paramref name="metadata"/> and flushes the file to disk.</summary>
    public async Task CompleteAsync(IReadOnlyDictionary<string, string>? metadata, CancellationToken cancellationToken)
    {
        if (!_wroteGroup)
        {
            // An empty table still gets one (empty) row group, as readers expect.
            await WriteGroupAsync(new Table([.. _columns.Select(c => Empty(c.Name, c.Type))]), 0, 0, cancellationToken).ConfigureAwait(false);
        }

        if (metadata is not null)
        {
            _writer.CustomMetadata = metadata.ToDictionary(p => p.Key, p => p.Value);
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        _stream.Flush(flushToDisk: true);
        _completed = true;
        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task WriteGroupAsync(Table table, int start, int count, CancellationToken cancellationToken)
    {
        using var group = _writer.CreateRowGroup();
        for (var c = 0; c < _fields.Length; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await ParquetTables.WriteColumnAsync(group, _fields[c], table.Columns[c], start, count, cancellationToken).ConfigureAwait(false);
        }

        _wroteGroup = true;
    }

    private static Column Empty(string name, ColumnType type) => type switch
    {
        ColumnType.Numeric => new NumericColumn(name, []),
        ColumnType.Date => new DateColumn(name, []),
        _ => new TextColumn(name, []),
    };

    private static string Describe(IEnumerable<(string Name, ColumnType Type)> columns) => string.Join(", ", columns.Select(c => $"{c.Name} {c.Type}"));
}
