using System.Numerics;
using Parquet;
using Parquet.Schema;
using Sextant.Data;

namespace Sextant.Storage.Columnar;

/// <summary>
/// Reads and writes a <see cref="Table"/> as an Apache Parquet file, column by column (no row objects):
/// numeric columns as nullable <c>DOUBLE</c>, text as nullable UTF-8 <c>STRING</c>, dates as nullable
/// <c>TIMESTAMP(MICROS)</c> without a zone; zstd-compressed, in row groups of <see cref="RowGroupSize"/> rows.
/// Any Parquet tool (DuckDB, pandas/pyarrow, Spark) reads the files; files from those tools are read back with
/// integers, floats and decimals as numeric, strings as text and timestamps/dates as dates.
/// </summary>
public static class ParquetTables
{
    /// <summary>Rows per row group: large enough for good compression and fast scans, small enough to stream.</summary>
    public const int RowGroupSize = 262_144;

    /// <summary>The key of the custom metadata that holds the dataset fingerprint.</summary>
    public const string FingerprintKey = "sextant.fingerprint";

    /// <summary>Writes <paramref name="table"/> to <paramref name="path"/> and flushes it to disk before returning.</summary>
    public static async Task WriteAsync(Table table, string path, IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var writer = await ParquetTableWriter.CreateAsync(path, table.Columns, cancellationToken).ConfigureAwait(false);
        await writer.WriteAsync(table, cancellationToken).ConfigureAwait(false);
        await writer.CompleteAsync(metadata, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a Parquet file into a table.</summary>
    /// <exception cref="DataFileException">The file is not Parquet, or holds a column type a table cannot hold.</exception>
    public static async Task<(Table Table, IReadOnlyDictionary<string, string> Metadata)> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var (stream, reader) = await OpenAsync(path, cancellationToken).ConfigureAwait(false);
        await using (stream)
        await using (reader)
        {
            var fields = reader.Schema.GetDataFields();
            var rows = checked((int)reader.RowGroups.Sum(g => g.RowCount));
            var builders = fields.Select(f => ColumnBuilder.For(f, rows, path)).ToArray();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                await ReadGroupAsync(reader, g, fields, builders, cancellationToken).ConfigureAwait(false);
            }

            return (new Table([.. builders.Select(b => b.Build())]), reader.CustomMetadata ?? new Dictionary<string, string>());
        }
    }

    /// <summary>Reads a Parquet file one row group at a time: only the group in hand is in memory.</summary>
    /// <exception cref="DataFileException">The file is not Parquet, or holds a column type a table cannot hold.</exception>
    public static async IAsyncEnumerable<Table> ReadRowGroupsAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (stream, reader) = await OpenAsync(path, cancellationToken).ConfigureAwait(false);
        await using (stream)
        await using (reader)
        {
            var fields = reader.Schema.GetDataFields();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                var rows = checked((int)reader.RowGroups[g].RowCount);
                var builders = fields.Select(f => ColumnBuilder.For(f, rows, path)).ToArray();
                await ReadGroupAsync(reader, g, fields, builders, cancellationToken).ConfigureAwait(false);
                yield return new Table([.. builders.Select(b => b.Build())]);
            }
        }
    }

    private static async Task<(FileStream Stream, ParquetReader Reader)> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous);
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException or ArgumentException)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw new DataFileException($"{path} is not a readable Parquet file: {ex.Message}");
        }

        var nested = reader.Schema.Fields.Where(f => f is not DataField).Select(f => f.Name).ToList();
        if (nested.Count > 0)
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
            throw new DataFileException($"{path}: nested Parquet columns ({string.Join(", ", nested)}) cannot be read as a table; flatten them first.");
        }

        return (stream, reader);
    }

    private static async Task ReadGroupAsync(ParquetReader reader, int index, DataField[] fields, ColumnBuilder[] builders, CancellationToken cancellationToken)
    {
        using var group = reader.OpenRowGroupReader(index);
        var count = checked((int)group.RowCount);
        for (var c = 0; c < fields.Length; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await builders[c].ReadAsync(group, count, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static DataField Field(Column column) => column.Type switch
    {
        ColumnType.Numeric => new DataField<double?>(column.Name),
        ColumnType.Date => new DateTimeDataField(column.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: false, unit: DateTimeTimeUnit.Micros, isNullable: true),
        _ => new DataField<string>(column.Name, true),
    };

    internal static async Task WriteColumnAsync(ParquetRowGroupWriter group, DataField field, Column column, int start, int count, CancellationToken cancellationToken)
    {
        switch (column)
        {
            case NumericColumn numeric:
                var values = new double?[count];
                var source = numeric.Values.Slice(start, count);
                for (var i = 0; i < count; i++)
                {
                    values[i] = double.IsNaN(source[i]) ? null : source[i];
                }

                await group.WriteAsync<double>(field, values, cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case DateColumn dates:
                await group.WriteAsync<DateTime>(field, dates.Values.Slice(start, count).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case TextColumn text:
                await group.WriteAsync(field, text.Values.Slice(start, count).ToArray()).ConfigureAwait(false);
                break;
            default:
                throw new NotSupportedException($"Column '{column.Name}' has type {column.GetType().Name}, which Parquet storage does not know.");
        }
    }

    /// <summary>Collects one column across row groups into the array of a <see cref="Column"/>.</summary>
    private abstract class ColumnBuilder(DataField field)
    {
        protected DataField Field { get; } = field;

        protected int Filled { get; set; }

        public abstract Task ReadAsync(ParquetRowGroupReader group, int count, CancellationToken cancellationToken);

        public abstract Column Build();

        public static ColumnBuilder For(DataField field, int rows, string path)
        {
            var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
            return type switch
            {
                _ when type == typeof(double) => new Numeric<double>(field, rows),
                _ when type == typeof(float) => new Numeric<float>(field, rows),
                _ when type == typeof(long) => new Numeric<long>(field, rows),
                _ when type == typeof(int) => new Numeric<int>(field, rows),
                _ when type == typeof(short) => new Numeric<short>(field, rows),
                _ when type == typeof(sbyte) => new Numeric<sbyte>(field, rows),
                _ when type == typeof(ulong) => new Numeric<ulong>(field, rows),
                _ when type == typeof(uint) => new Numeric<uint>(field, rows),
                _ when type == typeof(ushort) => new Numeric<ushort>(field, rows),
                _ when type == typeof(byte) => new Numeric<byte>(field, rows),
                _ when type == typeof(decimal) => new Numeric<decimal>(field, rows),
                _ when type == typeof(string) || type == typeof(ReadOnlyMemory<char>) => new Text(field, rows),
                _ when type == typeof(DateTime) => new Dates<DateTime>(field, rows, d => d),
                _ when type == typeof(DateOnly) => new Dates<DateOnly>(field, rows, d => d.ToDateTime(TimeOnly.MinValue)),
                _ when type == typeof(DateTimeOffset) => new Dates<DateTimeOffset>(field, rows, d => d.UtcDateTime),
                _ => throw new DataFileException(
                    $"{path}: column '{field.Name}' is {type.Name} in Parquet; Sextant reads numbers, strings and dates. Convert it (e.g. a boolean to 0/1) before ingesting."),
            };
        }

        private sealed class Numeric<T>(DataField field, int rows) : ColumnBuilder(field)
            where T : struct, INumberBase<T>
        {
            private readonly double[] _values = new double[rows];

            public override async Task ReadAsync(ParquetRowGroupReader group, int count, CancellationToken cancellationToken)
            {
                if (Field.IsNullable)
                {
                    var buffer = new T?[count];
                    await group.ReadAsync<T>(Field, buffer.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                    for (var i = 0; i < count; i++)
                    {
                        _values[Filled + i] = buffer[i] is { } v ? double.CreateTruncating(v) : double.NaN;
                    }
                }
                else
                {
                    var buffer = new T[count];
                    await group.ReadAsync<T>(Field, buffer.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                    for (var i = 0; i < count; i++)
                    {
                        _values[Filled + i] = double.CreateTruncating(buffer[i]);
                    }
                }

                Filled += count;
            }

            public override Column Build() => new NumericColumn(Field.Name, _values);
        }

        private sealed class Text(DataField field, int rows) : ColumnBuilder(field)
        {
            private readonly string?[] _values = new string?[rows];

            public override async Task ReadAsync(ParquetRowGroupReader group, int count, CancellationToken cancellationToken)
            {
                await group.ReadAsync(Field, _values.AsMemory(Filled, count), cancellationToken: cancellationToken).ConfigureAwait(false);
                Filled += count;
            }

            public override Column Build() => new TextColumn(Field.Name, _values);
        }

        private sealed class Dates<T>(DataField field, int rows, Func<T, DateTime> convert) : ColumnBuilder(field)
            where T : struct
        {
            private readonly DateTime?[] _values = new DateTime?[rows];

            public override async Task ReadAsync(ParquetRowGroupReader group, int count, CancellationToken cancellationToken)
            {
                if (Field.IsNullable)
                {
                    var buffer = new T?[count];
                    await group.ReadAsync<T>(Field, buffer.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                    for (var i = 0; i < count; i++)
                    {
                        _values[Filled + i] = buffer[i] is { } v ? convert(v) : null;
                    }
                }
                else
                {
                    var buffer = new T[count];
                    await group.ReadAsync<T>(Field, buffer.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                    for (var i = 0; i < count; i++)
                    {
                        _values[Filled + i] = convert(buffer[i]);
                    }
                }

                Filled += count;
            }

            public override Column Build() => new DateColumn(Field.Name, _values);
        }
    }
}
