using Sextant.Data;
using Sextant.Storage.Columnar;

namespace Sextant.Storage;

/// <summary>
/// Stores a new dataset version from rows that arrive chunk by chunk: each chunk is hashed into the fingerprint and
/// written as Parquet row groups to a temporary file at once, so memory holds one chunk, not the dataset. On commit the
/// file is completed (fingerprint in its metadata), flushed, renamed to <c>&lt;fingerprint&gt;.parquet</c> (kept as it is
/// when a whole file of that name is already there) and only then recorded. Disposed without a commit, it deletes the
/// temporary file: the version list is unchanged.
/// </summary>
public sealed class DatasetWriter : IAsyncDisposable
{
    private const string PartialSuffix = ".partial";

    private readonly string _folder;
    private readonly Func<DatasetWriter, string, string, string, object, CancellationToken, Task<DatasetInfo>> _record;
    private DatasetFingerprint.Builder _fingerprint = new();
    private ParquetTableWriter? _parquet;
    private string? _temporary;
    private Column[]? _columns;

    internal DatasetWriter(string storeFolder, Func<DatasetWriter, string, string, string, object, CancellationToken, Task<DatasetInfo>> record)
    {
        _folder = Path.Combine(storeFolder, ProjectStore.DatasetFolderName);
        _record = record;
    }

    /// <summary>Rows written so far.</summary>
    public int Rows { get; private set; }

    /// <summary>The columns (names and types) of the rows written, in order; empty before the first chunk.</summary>
    public IReadOnlyList<Column> Columns => _columns ?? [];

    internal string? Fingerprint { get; private set; }

    internal string? File { get; private set; }

    /// <summary>Appends rows; every chunk has the columns of the first.</summary>
    public async Task WriteAsync(Table rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (Fingerprint is not null)
        {
            throw new InvalidOperationException("The dataset has been completed.");
        }

        if (_parquet is null)
        {
            Directory.CreateDirectory(_folder);
            _temporary = Path.Combine(_folder, $"{Guid.NewGuid():N}{PartialSuffix}");
            _parquet = await ParquetTableWriter.CreateAsync(_temporary, rows.Columns, cancellationToken).ConfigureAwait(false);
            _columns = [.. rows.Columns];
        }

        _fingerprint.Append(rows);
        await _parquet.WriteAsync(rows, cancellationToken).ConfigureAwait(false);
        Rows = checked(Rows + rows.RowCount);
    }

    /// <summary>Forgets every row written so far (the source is being read again from its start).</summary>
    public async Task ResetAsync()
    {
        await DiscardAsync().ConfigureAwait(false);
        _fingerprint.Dispose();
        _fingerprint = new DatasetFingerprint.Builder();
        _columns = null;
        Rows = 0;
    }

    /// <summary>Completes the file and records it as the next version of <paramref name="name"/>.</summary>
    public async Task<DatasetInfo> CommitAsync(string name, string source, string encoding, object report, CancellationToken cancellationToken = default)
    {
        await CompleteFileAsync(cancellationToken).ConfigureAwait(false);
        return await _record(this, name, source, encoding, report, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Completes the file under its fingerprint's name; returns it relative to the store folder.</summary>
    internal async Task<string> CompleteFileAsync(CancellationToken cancellationToken)
    {
        if (_parquet is null || _temporary is null)
        {
            throw new InvalidOperationException("No rows were written: a dataset needs its columns.");
        }

        var fingerprint = _fingerprint.Finish();
        await _parquet.CompleteAsync(new Dictionary<string, string> { [ParquetTables.FingerprintKey] = fingerprint }, cancellationToken).ConfigureAwait(false);
        var relative = Path.Combine(ProjectStore.DatasetFolderName, fingerprint + ".parquet");
        var path = Path.Combine(_folder, fingerprint + ".parquet");
        try
        {
            System.IO.File.Move(_temporary, path, overwrite: false);
        }
        catch (IOException) when (System.IO.File.Exists(path))
        {
            // A whole file of the same rows is there already (an equal version, or another ingest got there first).
        }

        await DiscardAsync().ConfigureAwait(false);
        Fingerprint = fingerprint;
        File = relative;
        return relative;
    }

    public async ValueTask DisposeAsync()
    {
        await DiscardAsync().ConfigureAwait(false);
        _fingerprint.Dispose();
    }

    private async Task DiscardAsync()
    {
        if (_parquet is not null)
        {
            await _parquet.DisposeAsync().ConfigureAwait(false);
            _parquet = null;
        }

        if (_temporary is not null)
        {
            System.IO.File.Delete(_temporary);
            _temporary = null;
        }
    }

    /// <summary>Whether <paramref name="fileName"/> is a temporary file of a writer (a killed ingest leaves one behind).</summary>
    internal static bool IsPartial(string fileName) => fileName.EndsWith(PartialSuffix, StringComparison.Ordinal);
}
