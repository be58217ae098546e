using System.Security.Cryptography;

namespace Sextant.Storage;

/// <summary>
/// A content-addressed folder: each artifact is stored under its SHA-256 and verified against it on every load,
/// so a corrupted or edited file is detected rather than served.
/// </summary>
public sealed class ArtifactStore
{
    public ArtifactStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = directory;
    }

    public string Directory { get; }

    /// <summary>Writes the bytes (temp file, then rename) and returns their SHA-256.</summary>
    public async Task<string> PutAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
        var path = PathOf(sha);
        if (!File.Exists(path))
        {
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(temp, bytes.ToArray(), cancellationToken).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
        }

        return sha;
    }

    /// <summary>Reads an artifact and verifies its checksum.</summary>
    public async Task<byte[]> GetAsync(string sha256, CancellationToken cancellationToken = default)
    {
        var path = PathOf(sha256);
        if (!File.Exists(path))
        {
            throw new SextantException($"Artifact {sha256} is missing from {Directory}.");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actual, sha256, StringComparison.Ordinal))
        {
            throw new SextantException($"Artifact {path} is corrupted: its SHA-256 is {actual}, expected {sha256}. Restore it or retrain.");
        }

        return bytes;
    }

    public string PathOf(string sha256) => Path.Combine(Directory, sha256 + ".json");
}
