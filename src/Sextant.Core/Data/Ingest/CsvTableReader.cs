using System.Globalization;
using CsvHelper;

namespace Sextant.Data.Ingest;

/// <summary>
/// Reads a CSV file into a typed, columnar <see cref="Table"/>. Every failure is a
/// <see cref="DataFileException"/> naming the file, the line and the column; nothing half-read is returned.
/// </summary>
public static class CsvTableReader
{
    private static readonly char[] s_otherDelimiters = [';', '\t', '|', ','];

    /// <summary>Reads and types the file at <paramref name="path"/>.</summary>
    public static async Task<CsvReadResult> ReadAsync(string path, CsvReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(path))
        {
            throw new DataFileException(path, null, null, "the file does not exist.");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Read(bytes, path, options);
    }

    /// <summary>Reads and types CSV bytes; <paramref name="file"/> names the source in messages.</summary>
    public static CsvReadResult Read(ReadOnlySpan<byte> bytes, string file, CsvReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (bytes.IsEmpty)
        {
            throw new DataFileException(file, null, null, "the file is empty: expected a header row and data rows.");
        }

        var encoding = EncodingDetector.Resolve(options.Encoding, bytes);
        var text = encoding.Encoding.GetString(bytes[encoding.PreambleLength..]);
        var (header, rows, lines) = Parse(text, file, options);
        var columns = new Column[header.Length];
        for (var c = 0; c < header.Length; c++)
        {
            columns[c] = TypeColumn(header[c], c, rows, lines, file, options);
        }

        return new CsvReadResult(new Table(columns), encoding, rows.Count);
    }

    private static (string[] Header, List<string?[]> Rows, List<long> Lines) Parse(string text, string file, CsvReadOptions options)
    {
        var csvOptions = new CsvReaderOptions
        {
            Separator = options.Delimiter,
            HasHeader = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            TrimWhitespace = false,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };
        using var reader = CsvReader.FromText(text, csvOptions);
        var rows = new List<string?[]>();
        var lines = new List<long>();
        var nullTokens = new HashSet<string>(options.NullTokens, StringComparer.Ordinal);
        string[]? header = null;
        try
        {
            while (reader.Read())
            {
                if (header is null)
                {
                    header = [.. reader.Headers.Select(h => h.Trim())];
                    CheckHeader(header, file, options);
                }

                var line = reader.LineNumber;
                if (reader.FieldCount != header.Length)
                {
                    throw new DataFileException(file, line, reader.FieldCount > header.Length ? null : header[reader.FieldCount],
                        $"the row has {reader.FieldCount} field(s) but the header has {header.Length}. Check for a missing or extra '{options.Delimiter}' or an unquoted value that contains one.");
                }

                var values = new string?[header.Length];
                for (var i = 0; i < values.Length; i++)
                {
                    var raw = reader.GetString(i);
                    var value = options.Trim ? raw.Trim() : raw;
                    values[i] = nullTokens.Contains(value) ? null : value;
                }

                rows.Add(values);
                lines.Add(line);
            }
        }
        catch (CsvFormatException ex)
        {
            throw new DataFileException(file, ex.LineNumber > 0 ? ex.LineNumber : null, null,
                $"malformed CSV ({ex.Message}). Quote fields that contain quotes, delimiters or line breaks, and double the quotes inside them.");
        }

        if (header is null)
        {
            header = [.. reader.Headers.Select(h => h.Trim())];
            if (header.Length == 0 || (header.Length == 1 && header[0].Length == 0))
            {
                throw new DataFileException(file, null, null, "the file is empty: expected a header row and data rows.");
            }

            CheckHeader(header, file, options);
        }

        if (rows.Count == 0)
        {
            throw new DataFileException(file, null, null, "the file has a header but no data rows.");
        }

        return (header, rows, lines);
    }

    private static void CheckHeader(string[] header, string file, CsvReadOptions options)
    {
        if (header.Length == 1 && options.RequiredColumns.Count > 1)
        {
            var guess = s_otherDelimiters.FirstOrDefault(d => d != options.Delimiter && header[0].Contains(d, StringComparison.Ordinal));
            var hint = guess == default
                ? $"Check data.delimiter (now '{options.Delimiter}')."
                : $"It looks delimited by '{(guess == '\t' ? "\\t" : guess.ToString())}': set data.delimiter to that (now '{options.Delimiter}').";
            throw new DataFileException(file, 1, null, $"the header has a single column '{Shorten(header[0])}'. {hint}");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i].Length == 0)
            {
                throw new DataFileException(file, 1, null, $"header field {i + 1} is empty: every column needs a name.");
            }

            if (!seen.Add(header[i]))
            {
                throw new DataFileException(file, 1, header[i], "the column name appears twice in the header.");
            }
        }

        foreach (var (name, reason) in options.RequiredColumns)
        {
            if (!seen.Contains(name))
            {
                var near = header.FirstOrDefault(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
                var hint = near is null ? $"The header has: {string.Join(", ", header)}." : $"Did you mean '{near}'? Names are case-sensitive.";
                throw new DataFileException(file, 1, name, $"the column is named in sextant.yaml ({reason}) but is not in the file. {hint}");
            }
        }
    }

    private static Column TypeColumn(string name, int index, List<string?[]> rows, List<long> lines, string file, CsvReadOptions options)
    {
        if (options.ColumnTypes.TryGetValue(name, out var forced))
        {
            return forced switch
            {
                ColumnType.Numeric => ParseNumeric(name, index, rows, lines, file, strict: true)!,
                ColumnType.Date => ParseDate(name, index, rows, lines, file, options.DateFormats, strict: true)!,
                _ => ParseText(name, index, rows),
            };
        }

        var allMissing = rows.TrueForAll(r => r[index] is null);
        if (allMissing)
        {
            return ParseText(name, index, rows);
        }

        return (Column?)ParseNumeric(name, index, rows, lines, file, strict: false)
            ?? (Column?)ParseDate(name, index, rows, lines, file, options.DateFormats, strict: false)
            ?? ParseText(name, index, rows);
    }

    private static NumericColumn? ParseNumeric(string name, int index, List<string?[]> rows, List<long> lines, string file, bool strict)
    {
        var values = new double[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var raw = rows[r][index];
            if (raw is null)
            {
                values[r] = double.NaN;
            }
            else if (TryParseNumber(raw, out var v))
            {
                values[r] = v;
            }
            else if (strict)
            {
                throw new DataFileException(file, lines[r], name, $"'{Shorten(raw)}' is not a number, but the column is numeric. Fix the value, list it in data.null_tokens if it means missing, or declare the column as text.");
            }
            else
            {
                return null;
            }
        }

        return new NumericColumn(name, values);
    }

    /// <summary>Parses a number the way every Sextant reader does: invariant culture, '.' decimals.</summary>
    public static bool TryParseNumber(string raw, out double value) =>
        double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static DateColumn? ParseDate(string name, int index, List<string?[]> rows, List<long> lines, string file, IReadOnlyList<string> formats, bool strict)
    {
        var formatArray = formats.ToArray();
        var values = new DateTime?[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var raw = rows[r][index];
            if (raw is null)
            {
                continue;
            }

            if (DateTime.TryParseExact(raw, formatArray, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var d))
            {
                values[r] = d;
            }
            else if (strict)
            {
                throw new DataFileException(file, lines[r], name, $"'{Shorten(raw)}' does not match the date formats [{string.Join(", ", formats)}]. Add its format to data.date_formats.");
            }
            else
            {
                return null;
            }
        }

        return new DateColumn(name, values);
    }

    private static TextColumn ParseText(string name, int index, List<string?[]> rows)
    {
        var values = new string?[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            values[r] = rows[r][index];
        }

        return new TextColumn(name, values);
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
