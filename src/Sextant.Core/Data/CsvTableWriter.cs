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
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 20);
        var line = new StringBuilder();
        AppendLine(line, table.Columns.Select(c => (string?)c.Name));
        for (var r = 0; r < table.RowCount; r++)
        {
            var row = r;
            AppendLine(line, table.Columns.Select(c => c.FormatValue(row)));
            if (line.Length > 1 << 16)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteAsync(line, cancellationToken).ConfigureAwait(false);
                line.Clear();
            }
        }

        await writer.WriteAsync(line, cancellationToken).ConfigureAwait(false);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        stream.Flush(flushToDisk: true);
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
