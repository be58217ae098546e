namespace Sextant.Storage.Artifacts;

/// <summary>Artifacts as files <c>&lt;sha256&gt;.json</c> in one folder (by default the project's <c>.sextant/artifacts</c>).</summary>
public sealed class LocalArtifactStore : ArtifactStore
{
    public LocalArtifactStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = directory;
    }

    public string Directory { get; }

    public override string Location => Directory;

    /// <summary>The file of an artifact.</summary>
    public string PathOf(string sha256) => Path.Combine(Directory, NameOf(sha256));

    /// <summary>Writes to a temporary file, then renames it; an existing file of the same name already holds these bytes.</summary>
    protected override async Task WriteAsync(string sha256, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(sha256);
        if (File.Exists(path))
        {
            return;
        }

        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temp, bytes.ToArray(), cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    protected override async Task<byte[]?> ReadAsync(string sha256, CancellationToken cancellationToken)
    {
        var path = PathOf(sha256);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false) : null;
    }
}
