using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sextant.Data;

/// <summary>
/// SHA-256 over a canonical form of a table: column names and types, then every value in its canonical
/// text (<see cref="Column.FormatValue"/>), missing marked distinctly. Same data, same fingerprint,
/// whatever file encoding or line endings it came from, and whether the table was hashed whole or chunk by chunk.
/// </summary>
public static class DatasetFingerprint
{
    private const byte UnitSeparator = 0x1f;
    private const byte RecordSeparator = 0x1e;

    /// <summary>The lowercase hex SHA-256 of the canonical form.</summary>
    public static string Compute(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var builder = new Builder();
        builder.Append(table);
        return builder.Finish();
    }

    /// <summary>
    /// Hashes a table given as consecutive chunks with the same columns; the result equals <see cref="Compute"/> of
    /// the chunks concatenated. Values are written as UTF-8 straight into a buffer (no string per number or date).
    /// </summary>
    internal sealed class Builder : IDisposable
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private byte[] _buffer = new byte[1 << 16];
        private int _used;
        private bool _started;

        public void Append(Table chunk)
        {
            if (!_started)
            {
                foreach (var column in chunk.Columns)
                {
                    Text(column.Name);
                    Byte(UnitSeparator);
                    Text(column.Type.ToString());
                    Byte(RecordSeparator);
                }

                _started = true;
            }

            var columns = chunk.Columns;
            for (var r = 0; r < chunk.RowCount; r++)
            {
                foreach (var column in columns)
                {
                    Value(column, r);
                    Byte(UnitSeparator);
                }

                Byte(RecordSeparator);
                if (_used > _buffer.Length / 2)
                {
                    Flush();
                }
            }
        }

        public string Finish()
        {
            Flush();
            return Convert.ToHexStringLower(_hash.GetHashAndReset());
        }

        public void Dispose() => _hash.Dispose();

        private void Value(Column column, int row)
        {
            switch (column)
            {
                case NumericColumn numeric when !double.IsNaN(numeric[row]):
                    Ensure(32);
                    numeric[row].TryFormat(_buffer.AsSpan(_used), out var written, "R", CultureInfo.InvariantCulture);
                    _used += written;
                    break;
                case DateColumn dates when dates[row] is { } date:
                    Ensure(32);
                    date.TryFormat(_buffer.AsSpan(_used), out written, DateColumn.CanonicalFormat, CultureInfo.InvariantCulture);
                    _used += written;
                    break;
                case TextColumn text when text[row] is { } value:
                    Text(value);
                    break;
                case NumericColumn or DateColumn or TextColumn:
                    Byte(0);
                    break;
                default:
                    Text(column.FormatValue(row) ?? "\u0000");
                    break;
            }
        }

        private void Text(string value)
        {
            Ensure(Encoding.UTF8.GetMaxByteCount(value.Length));
            _used += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_used));
        }

        private void Byte(byte value)
        {
            Ensure(1);
            _buffer[_used++] = value;
        }

        private void Ensure(int bytes)
        {
            if (_used + bytes <= _buffer.Length)
            {
                return;
            }

            Flush();
            if (bytes > _buffer.Length)
            {
                _buffer = new byte[bytes];
            }
        }

        private void Flush()
        {
            _hash.AppendData(_buffer, 0, _used);
            _used = 0;
        }
    }
}
