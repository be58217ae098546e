using System.Globalization;
using System.Threading.Channels;

namespace Sextant.Data.Ingest;

/// <summary>
/// Reads a CSV file into a typed, columnar <see cref="Table"/>, streamed: the file is read in blocks and typed chunk by
/// chunk into column arrays (<see cref="CsvChunkReader"/>), never held whole as text or rows. Every failure is a
/// <see cref="DataFileException"/> naming the file, the line and the column; nothing half-read is returned.
/// </summary>
public static class CsvTableReader
{
    /// <summary>Rows per chunk (and per Parquet row group when ingesting).</summary>
    internal const int ChunkRows = 131_072;

    /// <summary>Records that choose the column types before the typed pass (all of them in a smaller file).</summary>
    internal const int SniffRows = 65_536;

    /// <summary>Reads and types the file at <paramref name="path"/>.</summary>
    public static async Task<CsvReadResult> ReadAsync(string path, CsvReadOptions options, CancellationToken cancellationToken = default)
    {
        var chunks = new List<Table>();
        var (encoding, rows) = await StreamAsync(path, options, (chunk, _) =>
        {
            chunks.Add(chunk);
            return ValueTask.CompletedTask;
        }, () =>
        {
            chunks.Clear();
            return ValueTask.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
        return new CsvReadResult(Table.Concat(chunks), encoding, rows);
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
        var content = bytes.ToArray();
        return Read(() => new MemoryStream(content, writable: false), encoding, file, options, ChunkRows, SniffRows);
    }

    /// <summary>Reads the stream <paramref name="open"/> gives (once per pass) in chunks of <paramref name="chunkRows"/> rows, typed after a vote of <paramref name="sniffRows"/> records.</summary>
    internal static CsvReadResult Read(Func<Stream> open, DetectedEncoding encoding, string file, CsvReadOptions options, int chunkRows, int sniffRows)
    {
        using var reader = CsvChunkReader.Open(open, encoding, file, options, chunkRows, sniffRows);
        var chunks = new List<Table>();
        while (reader.Next(out var restarted) is { } chunk)
        {
            if (restarted)
            {
                chunks.Clear();
            }

            chunks.Add(chunk);
        }

        return new CsvReadResult(Table.Concat(chunks), encoding, checked((int)reader.DataRows));
    }

    /// <summary>
    /// Reads the file at <paramref name="path"/> chunk by chunk (at most <paramref name="chunkRows"/> rows each, default <see cref="ChunkRows"/>), handing each
    /// typed chunk to <paramref name="onChunk"/> while the next one is parsed. When the reader has to start again with
    /// other column types, <paramref name="onRestart"/> is called: the chunks handed over so far are void.
    /// <paramref name="onBytesRead"/>, if given, hears the bytes of the current pass read so far.
    /// </summary>
    internal static async Task<(DetectedEncoding Encoding, int DataRows)> StreamAsync(string path, CsvReadOptions options,
        Func<Table, CancellationToken, ValueTask> onChunk, Func<ValueTask> onRestart, CancellationToken cancellationToken, Action<long>? onBytesRead = null, int chunkRows = ChunkRows)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(path))
        {
            throw new DataFileException(path, null, null, "the file does not exist.");
        }

        DetectedEncoding encoding;
        await using (var probe = OpenFile(path))
        {
            if (probe.Length == 0)
            {
                throw new DataFileException(path, null, null, "the file is empty: expected a header row and data rows.");
            }

            encoding = await EncodingDetector.ResolveAsync(options.Encoding, probe, cancellationToken).ConfigureAwait(false);
        }

        // One chunk parsed ahead: parsing (one core) overlaps with whatever the consumer does (hashing, Parquet).
        var channel = Channel.CreateBounded<(Table Chunk, bool Restarted)>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                using var reader = CsvChunkReader.Open(() => onBytesRead is null ? OpenFile(path) : new CountingStream(OpenFile(path), onBytesRead), encoding, path, options, chunkRows, SniffRows);
                while (reader.Next(out var restarted) is { } chunk)
                {
                    await channel.Writer.WriteAsync((chunk, restarted), stop.Token).ConfigureAwait(false);
                }

                return checked((int)reader.DataRows);
            }
            finally
            {
                channel.Writer.Complete();
            }
        }, stop.Token);

        try
        {
            await foreach (var (chunk, restarted) in channel.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                if (restarted)
                {
                    await onRestart().ConfigureAwait(false);
                }

                await onChunk(chunk, stop.Token).ConfigureAwait(false);
            }
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or DataFileException)
            {
                // The consumer's failure is the one to report.
            }

            throw;
        }

        return (encoding, await producer.ConfigureAwait(false));
    }

    private static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    /// <summary>Parses a number the way every Sextant reader does: invariant culture, '.' decimals.</summary>
    public static bool TryParseNumber(string raw, out double value) =>
        double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
