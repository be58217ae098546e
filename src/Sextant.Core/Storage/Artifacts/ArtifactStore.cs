using System.Security.Cryptography;

namespace Sextant.Storage.Artifacts;

/// <summary>
/// A content-addressed artifact store: each artifact is stored under its SHA-256 and verified against it on every load,
/// so a corrupted or edited object is detected rather than served. Where the bytes live is the subclass's concern: a local
/// folder (<see cref="LocalArtifactStore"/>, the default) or S3-compatible object storage (<see cref="S3ArtifactStore"/>);
/// <see cref="ArtifactLocation.Open"/> picks one from the configured URL.
/// </summary>
public abstract class ArtifactStore
{
    /// <summary>Where the artifacts live, for messages: a folder path or an <c>s3://bucket/prefix</c> URL.</summary>
    public abstract string Location { get; }

    /// <summary>Stores the bytes (whole or not at all) and returns their SHA-256, which names them.</summary>
    public async Task<string> PutAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
        await WriteAsync(sha, bytes, cancellationToken).ConfigureAwait(false);
        return sha;
    }

    /// <summary>Reads an artifact and verifies its checksum.</summary>
    /// <exception cref="SextantException">The artifact is missing, unreadable, or its bytes do not hash to <paramref name="sha256"/>.</exception>
    public async Task<byte[]> GetAsync(string sha256, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sha256);
        var bytes = await ReadAsync(sha256, cancellationToken).ConfigureAwait(false)
            ?? throw new SextantException($"Artifact {sha256} is missing from {Location}.");
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actual, sha256, StringComparison.Ordinal))
        {
            throw new SextantException($"Artifact {NameOf(sha256)} in {Location} is corrupted: its SHA-256 is {actual}, expected {sha256}. Restore it or retrain.");
        }

        return bytes;
    }

    /// <summary>The object or file name of an artifact inside the store.</summary>
    public static string NameOf(string sha256) => sha256 + ".json";

    /// <summary>Stores the bytes named <paramref name="sha256"/> so that a reader never sees a partial artifact.</summary>
    protected abstract Task WriteAsync(string sha256, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);

    /// <summary>The stored bytes named <paramref name="sha256"/>, unverified, or null when there is no such artifact.</summary>
    protected abstract Task<byte[]?> ReadAsync(string sha256, CancellationToken cancellationToken);
}
