using System.Text.Json;
using Sextant.Projects;
using Sextant.Registry;
using Sextant.Storage;
using Sextant.Storage.Artifacts;

namespace Sextant.Models;

/// <summary>Loads registered model versions, verifying the artifact checksum and format.</summary>
public static class ModelLoader
{
    /// <summary>Loads version <paramref name="version"/> of the project's model (the latest when null).</summary>
    public static async Task<Predictor> LoadAsync(SextantProject project, int? version = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        var info = await FindAsync(project.Metadata, project.Name, version, cancellationToken).ConfigureAwait(false);
        return await LoadAsync(project.Store.Artifacts, info, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Loads the version an alias (e.g. <c>prod</c>) points to.</summary>
    public static async Task<Predictor> LoadAliasAsync(SextantProject project, string alias, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        var version = await FindAliasAsync(project.Metadata, project.Name, alias, cancellationToken).ConfigureAwait(false);
        var predictor = await LoadAsync(project, version, cancellationToken).ConfigureAwait(false);
        return new Predictor(predictor.Artifact, predictor.Version, alias);
    }

    /// <summary>The version an alias points to, or a clear error naming the aliases there are.</summary>
    public static async Task<int> FindAliasAsync(IMetadataStore metadata, string name, string alias, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var aliases = await metadata.GetAliasesAsync(name, cancellationToken).ConfigureAwait(false);
        return aliases.TryGetValue(alias, out var version)
            ? version
            : throw new SextantException(aliases.Count == 0
                ? $"Model '{name}' has no aliases yet; promote a version with 'sextant registry promote VERSION --to {alias}'."
                : $"Model '{name}' has no alias '{alias}'; aliases: {string.Join(", ", aliases.Select(a => $"{a.Key} -> v{a.Value}"))}.");
    }

    /// <summary>The registered version (the latest when null), or a clear error.</summary>
    public static async Task<ModelVersionInfo> FindAsync(IMetadataStore metadata, string name, int? version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var versions = await metadata.ListVersionsAsync(name, cancellationToken).ConfigureAwait(false);
        return (version is null ? versions.LastOrDefault() : versions.FirstOrDefault(v => v.Version == version))
            ?? throw new SextantException(versions.Count == 0
                ? $"No model '{name}' is registered yet. Run 'sextant train' first."
                : $"Model '{name}' has no version {version}; versions: {string.Join(", ", versions.Select(v => v.Version))}.");
    }

    /// <summary>Reads and checks the artifact of a registered version.</summary>
    public static async Task<Predictor> LoadAsync(ArtifactStore artifacts, ModelVersionInfo info, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        ArgumentNullException.ThrowIfNull(info);
        var bytes = await artifacts.GetAsync(info.ArtifactSha256, cancellationToken).ConfigureAwait(false);
        ModelArtifact artifact;
        try
        {
            artifact = ModelArtifact.Deserialize(bytes)
                ?? throw new SextantException($"Artifact of '{info.Name}' v{info.Version} is empty.");
        }
        catch (JsonException ex)
        {
            throw new SextantException($"Artifact of '{info.Name}' v{info.Version} is not a readable model: {ex.Message}", ex);
        }

        if (artifact.Format != ModelArtifact.FormatName || artifact.FormatVersion > ModelArtifact.CurrentFormatVersion)
        {
            throw new SextantException($"Artifact of '{info.Name}' v{info.Version} has format {artifact.Format} v{artifact.FormatVersion}; this Sextant reads {ModelArtifact.FormatName} up to v{ModelArtifact.CurrentFormatVersion}. Upgrade Sextant.");
        }

        return new Predictor(artifact, info.Version);
    }
}
