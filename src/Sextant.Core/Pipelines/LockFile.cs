using System.Text.Json;
using Sextant.Storage;

namespace Sextant.Pipelines;

/// <summary>Reads and atomically writes a project's <c>sextant.lock</c> (JSON, meant to be committed with the project).</summary>
public static class LockFile
{
    /// <summary>The lock file's name, in the project folder.</summary>
    public const string FileName = "sextant.lock";

    /// <summary>The lock file of a project folder.</summary>
    public static string PathOf(string projectDirectory) => Path.Combine(projectDirectory, FileName);

    /// <summary>Reads a lock file; an empty lock when there is none.</summary>
    /// <exception cref="SextantException">The file is not a lock file.</exception>
    public static async Task<PipelineLock> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            return new PipelineLock();
        }

        try
        {
            await using var stream = File.OpenRead(path);
            var read = await JsonSerializer.DeserializeAsync<PipelineLock>(stream, SextantJson.Options, cancellationToken).ConfigureAwait(false);
            return read is { Schema: 1 } ? read : throw new SextantException($"{path} is a lock file of format {read?.Schema}; this build reads format 1. Delete it to rerun every stage.");
        }
        catch (JsonException ex)
        {
            throw new SextantException($"{path} is not a valid lock file ({ex.Message}). Delete it to rerun every stage.", ex);
        }
    }

    /// <summary>Writes a lock file through a temporary file and a rename, so a crash leaves the old one or the new one, never half of one.</summary>
    public static async Task WriteAsync(string path, PipelineLock value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await JsonSerializer.SerializeAsync(stream, value, SextantJson.Options, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
