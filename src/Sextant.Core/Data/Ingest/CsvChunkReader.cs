using System.Text;
using CsvHelper;

namespace Sextant.Data.Ingest;

/// <summary>
/// Streams a CSV source as typed, columnar chunks of at most <c>chunkRows</c> rows. CsvHelper tokenises the bytes
/// (quotes, embedded delimiters and line breaks, CRLF, blank lines, line numbers, buffers of any size); each field's
/// UTF-8 span is trimmed, checked against the null tokens and parsed straight into its column's array.
/// <para>
/// Types are those the whole file supports (numeric, else date, else text; forced types as given). The first
/// <c>sniffRows</c> records vote on them; the file is then read from its start with those types. A later value that
/// contradicts a guess (a word in a column that looked numeric) stops that pass: every record votes, and the file is
/// read once more with the exact types, and <see cref="Next"/> says the chunks returned so far are void. A value that
/// breaks a forced type is an error; like today, problems of CSV structure anywhere in the file come first, then the
/// leftmost column's first bad value.
/// </para>
/// </summary>
internal sealed class CsvChunkReader : IDisposable
{
    private static readonly bool[] s_asciiWhiteSpace = [.. Enumerable.Range(0, 128).Select(c => char.IsWhiteSpace((char)c))];
    private static readonly char[] s_otherDelimiters = [';', '\t', '|', ','];

    private readonly Func<Stream> _open;
    private readonly string _file;
    private readonly CsvReadOptions _options;
    private readonly int _chunkRows;
    private readonly byte[][] _nullTokens;
    private readonly string[] _formats;
    private byte[] _scratch = new byte[256];
    private CsvReader? _reader;
    private string[] _header = [];
    private ColumnChunk[] _columns = [];
    private bool[] _forced = [];
    private bool _exact;
    private long _dataRows;
    private DataFileException?[] _errors = [];
    private bool _done;
    private bool _pending;

    private CsvChunkReader(Func<Stream> open, DetectedEncoding encoding, string file, CsvReadOptions options, int chunkRows)
    {
        _open = open;
        Encoding = encoding;
        _file = file;
        _options = options;
        _chunkRows = chunkRows;
        _nullTokens = [.. options.NullTokens.Select(t => System.Text.Encoding.UTF8.GetBytes(t))];
        _formats = [.. options.DateFormats];
    }

    public DetectedEncoding Encoding { get; }

    /// <summary>Data records read in the current pass.</summary>
    public long DataRows => _dataRows;

    /// <summary>
    /// Opens <paramref name="open"/>'s stream (called again for each pass), reads the header and chooses the column
    /// types from the first <paramref name="sniffRows"/> records.
    /// </summary>
    public static CsvChunkReader Open(Func<Stream> open, DetectedEncoding encoding, string file, CsvReadOptions options, int chunkRows, int sniffRows)
    {
        var reader = new CsvChunkReader(open, encoding, file, options, chunkRows);
        try
        {
            reader.Vote(sniffRows);
            reader.StartTypedPass();
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The next chunk, or <see langword="null"/> at the end. <paramref name="restarted"/> is true when the chunks
    /// returned before are void (the file is being read again with other column types); this chunk starts the file.
    /// </summary>
    /// <exception cref="DataFileException">Malformed CSV, a ragged row, or a value that breaks a forced type.</exception>
    public Table? Next(out bool restarted)
    {
        restarted = false;
        if (_done)
        {
            return null;
        }

        var count = 0;
        while (count < _chunkRows && ReadRecord())
        {
            if (!TypeRecord(count))
            {
                // A guess was wrong: every record votes, then the file is read again from its start.
                Vote(int.MaxValue);
                StartTypedPass();
                restarted = true;
                count = 0;
                continue;
            }

            count++;
        }

        if (count < _chunkRows)
        {
            _done = true;
            var error = Array.Find(_errors, e => e is not null);
            if (error is not null)
            {
                throw error;
            }

            if (count == 0)
            {
                return null;
            }
        }

        if (_errors.Any(e => e is not null))
        {
            // Keep reading: a structural problem further on is reported before this one, as when the whole file was parsed first.
            return Next(out _);
        }

        var columns = new Column[_header.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = _columns[c].Take(_header[c], count);
        }

        return new Table(columns);
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _reader = null;
    }

    /// <summary>Reads up to <paramref name="rows"/> records (all when it is <see cref="int.MaxValue"/>) and chooses each column's type.</summary>
    private void Vote(int rows)
    {
        Restart();
        var votes = _header.Select(_ => ColumnChunk.Vote(_formats)).ToArray();
        var seen = 0;
        while (seen < rows && ReadRecord())
        {
            for (var c = 0; c < votes.Length; c++)
            {
                if (!_forced[c] && TryField(c, out var value))
                {
                    votes[c].TryAdd(0, value);
                }
            }

            seen++;
        }

        if (seen == 0)
        {
            throw new DataFileException(_file, null, null, "the file has a header but no data rows.");
        }

        _exact = seen < rows;
        _columns = new ColumnChunk[_header.Length];
        for (var c = 0; c < _header.Length; c++)
        {
            var type = _options.ColumnTypes.TryGetValue(_header[c], out var forced) ? forced : votes[c].Inferred;
            _columns[c] = type switch
            {
                ColumnType.Numeric => ColumnChunk.Numeric(_chunkRows),
                ColumnType.Date => ColumnChunk.Date(_chunkRows, _formats),
                _ => ColumnChunk.Text(_chunkRows, _exact || _forced[c] || !votes[c].SawNoValue ? null : _formats),
            };
        }
    }

    private void StartTypedPass()
    {
        Restart();
        _errors = new DataFileException?[_header.Length];
        _done = false;
    }

    /// <summary>Opens the source at its start and reads the header.</summary>
    private void Restart()
    {
        Dispose();
        _dataRows = 0;
        var stream = _open();
        if (Encoding.PreambleLength > 0)
        {
            stream.Position = Encoding.PreambleLength;
        }

        var options = new CsvReaderOptions
        {
            Separator = _options.Delimiter,
            HasHeader = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            TrimWhitespace = false,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            BufferSize = 1 << 20,
        };

        // UTF-8 is tokenised in place; other encodings are decoded by .NET first, exactly as the whole-file reader did.
        _reader = Encoding.Encoding is UTF8Encoding
            ? CsvReader.Create(stream, options, leaveOpen: false)
            : CsvReader.Create(new StreamReader(stream, Encoding.Encoding, detectEncodingFromByteOrderMarks: false, 1 << 16), options, leaveOpen: false);
        var first = ReadRecordRaw();
        var header = _header;
        _header = [.. _reader.Headers.Select(h => h.Trim())];
        if (header.Length == 0)
        {
            if (!first && (_header.Length == 0 || (_header.Length == 1 && _header[0].Length == 0)))
            {
                throw new DataFileException(_file, null, null, "the file is empty: expected a header row and data rows.");
            }

            CheckHeader(_header);
            _forced = [.. _header.Select(h => _options.ColumnTypes.ContainsKey(h))];
        }

        _pending = first;
    }

    private bool ReadRecord()
    {
        if (_pending)
        {
            _pending = false;
            return Check();
        }

        return ReadRecordRaw() && Check();

        bool Check()
        {
            var reader = _reader!;
            if (reader.FieldCount != _header.Length)
            {
                throw new DataFileException(_file, reader.LineNumber, reader.FieldCount > _header.Length ? null : _header[reader.FieldCount],
                    $"the row has {reader.FieldCount} field(s) but the header has {_header.Length}. Check for a missing or extra '{_options.Delimiter}' or an unquoted value that contains one.");
            }

            _dataRows++;
            return true;
        }
    }

    private bool ReadRecordRaw()
    {
        try
        {
            return _reader!.Read();
        }
        catch (CsvFormatException ex)
        {
            throw new DataFileException(_file, ex.LineNumber > 0 ? ex.LineNumber : null, null,
                $"malformed CSV ({ex.Message}). Quote fields that contain quotes, delimiters or line breaks, and double the quotes inside them.");
        }
    }

    /// <summary>Types the current record into row <paramref name="row"/> of the chunk; false when a guessed type is contradicted.</summary>
    private bool TypeRecord(int row)
    {
        for (var c = 0; c < _columns.Length; c++)
        {
            if (!TryField(c, out var value))
            {
                _columns[c].AddMissing(row);
            }
            else if (!_columns[c].TryAdd(row, value))
            {
                if (!_forced[c])
                {
                    return false;
                }

                _errors[c] ??= ForcedTypeError(c, value);
            }
        }

        return true;
    }

    private DataFileException ForcedTypeError(int column, ReadOnlySpan<byte> utf8)
    {
        var raw = Shorten(System.Text.Encoding.UTF8.GetString(utf8));
        var name = _header[column];
        return _options.ColumnTypes[name] == ColumnType.Date
            ? new DataFileException(_file, _reader!.LineNumber, name, $"'{raw}' does not match the date formats [{string.Join(", ", _options.DateFormats)}]. Add its format to data.date_formats.")
            : new DataFileException(_file, _reader!.LineNumber, name, $"'{raw}' is not a number, but the column is numeric. Fix the value, list it in data.null_tokens if it means missing, or declare the column as text.");
    }

    /// <summary>Field <paramref name="index"/> of the current record, trimmed; false when it is a null token (missing).</summary>
    private bool TryField(int index, out ReadOnlySpan<byte> value)
    {
        var span = _reader!.GetSpan(index);
        if (_options.Trim)
        {
            var start = 0;
            var end = span.Length;
            while (start < end && span[start] < 0x80 && s_asciiWhiteSpace[span[start]])
            {
                start++;
            }

            while (end > start && span[end - 1] < 0x80 && s_asciiWhiteSpace[span[end - 1]])
            {
                end--;
            }

            span = span[start..end];
            if (span.Length > 0 && (span[0] >= 0x80 || span[^1] >= 0x80))
            {
                // Possibly white space beyond ASCII (no-break space, ...): trimmed as string.Trim does.
                var trimmed = System.Text.Encoding.UTF8.GetString(span).Trim();
                var length = System.Text.Encoding.UTF8.GetByteCount(trimmed);
                if (_scratch.Length < length)
                {
                    _scratch = new byte[Math.Max(length, _scratch.Length * 2)];
                }

                span = _scratch.AsSpan(0, System.Text.Encoding.UTF8.GetBytes(trimmed, _scratch));
            }
        }

        value = span;
        foreach (var token in _nullTokens)
        {
            if (span.SequenceEqual(token))
            {
                return false;
            }
        }

        return true;
    }

    private void CheckHeader(string[] header)
    {
        if (header.Length == 1 && _options.RequiredColumns.Count > 1)
        {
            var guess = s_otherDelimiters.FirstOrDefault(d => d != _options.Delimiter && header[0].Contains(d, StringComparison.Ordinal));
            var hint = guess == default
                ? $"Check data.delimiter (now '{_options.Delimiter}')."
                : $"It looks delimited by '{(guess == '\t' ? "\\t" : guess.ToString())}': set data.delimiter to that (now '{_options.Delimiter}').";
            throw new DataFileException(_file, 1, null, $"the header has a single column '{Shorten(header[0])}'. {hint}");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i].Length == 0)
            {
                throw new DataFileException(_file, 1, null, $"header field {i + 1} is empty: every column needs a name.");
            }

            if (!seen.Add(header[i]))
            {
                throw new DataFileException(_file, 1, header[i], "the column name appears twice in the header.");
            }
        }

        foreach (var (name, reason) in _options.RequiredColumns)
        {
            if (!seen.Contains(name))
            {
                var near = header.FirstOrDefault(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
                var hint = near is null ? $"The header has: {string.Join(", ", header)}." : $"Did you mean '{near}'? Names are case-sensitive.";
                throw new DataFileException(_file, 1, name, $"the column is named in sextant.yaml ({reason}) but is not in the file. {hint}");
            }
        }
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
