using System.Text;

namespace Sextant.Data;

/// <summary>
/// Writes a <see cref="Table"/> as RFC 4180 CSV in UTF-8 without a byte order mark: a header, then each value in its
/// canonical text (<see cref="Column.FormatValue"/>: round-trip numbers, ISO dates), missing values as empty fields,
/// and a field quoted when it holds a comma, a quote, a line break or leading/trailing blanks. Reading the file back
/// gives the same fingerprint.
/// </summary>
public static class CsvTableWriter
{
    public static async Task WriteAsync(Table table, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var writer = Create(path, table.ColumnNames);
        await writer.WriteAsync(table, cancellationToken).ConfigureAwait(false);
        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A writer that takes the rows chunk by chunk: the header now, then each <see cref="Writer.WriteAsync"/> appends.</summary>
    internal static Writer Create(string path, IEnumerable<string> columns)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous);
        var writer = new Writer(stream);
        AppendLine(writer.Line, columns);
        return writer;
    }

    /// <summary>Appends rows as they arrive; <see cref="CompleteAsync"/> flushes the file to disk.</summary>
    internal sealed class Writer(FileStream stream) : IAsyncDisposable
    {
        private readonly StreamWriter _writer = new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 20);

        public StringBuilder Line { get; } = new();

        public async Task WriteAsync(Table table, CancellationToken cancellationToken)
        {
            for (var r = 0; r < table.RowCount; r++)
            {
                var row = r;
                AppendLine(Line, table.Columns.Select(c => c.FormatValue(row)));
                if (Line.Length > 1 << 16)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await _writer.WriteAsync(Line, cancellationToken).ConfigureAwait(false);
                    Line.Clear();
                }
            }
        }

        public async Task CompleteAsync(CancellationToken cancellationToken)
        {
            await _writer.WriteAsync(Line, cancellationToken).ConfigureAwait(false);
            Line.Clear();
            await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        public async ValueTask DisposeAsync()
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void AppendLine(StringBuilder line, IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                line.Append(',');
            }

            first = false;
            if (field is null)
            {
                continue;
            }

            var quote = field.Length > 0 && (field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1]));
            if (quote)
            {
                line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                line.Append(field);
            }
        }

        line.Append("\r\n");
    }
}
