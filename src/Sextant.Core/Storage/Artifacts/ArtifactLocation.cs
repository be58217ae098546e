namespace Sextant.Storage.Artifacts;

/// <summary>
/// Where a project's artifacts live, as a URL: the project's <c>.sextant/artifacts</c> folder by default, another folder
/// (a path, relative to the project, or <c>file:///abs/path</c>), or <c>s3://bucket/prefix</c> (see
/// <see cref="S3ArtifactLocation"/>). The <c>SEXTANT_ARTIFACTS</c> environment variable wins over <c>artifacts:</c> in
/// <c>sextant.yaml</c>. <see cref="Open"/> is the one place an artifact store is made.
/// </summary>
public static class ArtifactLocation
{
    /// <summary>The environment variable that overrides the configured artifact store.</summary>
    public const string EnvironmentVariable = "SEXTANT_ARTIFACTS";

    /// <summary>The scheme of S3 URLs.</summary>
    public const string S3Scheme = "s3://";

    private const string FileScheme = "file://";

    /// <summary>The artifact URL in effect: the environment variable, else the configured one, else null (the default folder).</summary>
    public static string? Resolve(string? configured) =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : string.IsNullOrWhiteSpace(configured) ? null : configured;

    /// <summary>The store of <paramref name="url"/> (null: the folder <paramref name="defaultDirectory"/>); relative folders are taken against <paramref name="baseDirectory"/>.</summary>
    /// <exception cref="SextantException">The URL is malformed or its scheme is not supported.</exception>
    public static ArtifactStore Open(string? url, string baseDirectory, string defaultDirectory)
    {
        if (url is null)
        {
            return new LocalArtifactStore(defaultDirectory);
        }

        if (url.StartsWith(S3Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return new S3ArtifactStore(S3ArtifactLocation.Parse(url));
        }

        if (url.Contains("://", StringComparison.Ordinal) && !url.StartsWith(FileScheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new SextantException($"Artifact store URL '{url}' is not supported; use s3://bucket/prefix, file:///path or a folder path.");
        }

        var path = url.StartsWith(FileScheme, StringComparison.OrdinalIgnoreCase) ? url[FileScheme.Length..] : url;
        return new LocalArtifactStore(Path.GetFullPath(Path.Combine(baseDirectory, path)));
    }
}
