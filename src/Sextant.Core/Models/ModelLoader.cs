using System.Text.Json;
using Sextant.Storage;

namespace Sextant.Models;

/// <summary>Loads registered model versions from a store, verifying the artifact checksum and format.</summary>
public static class ModelLoader
{
    /// <summary>Loads version <paramref name="version"/> of <paramref name="name"/> (the latest when null).</summary>
    public static async Task<Predictor> LoadAsync(ProjectStore store, string name, int? version = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var versions = await store.ListModelVersionsAsync(name, cancellationToken).ConfigureAwait(false);
        var info = (version is null ? versions.LastOrDefault() : versions.FirstOrDefault(v => v.Version == version))
            ?? throw new SextantException(versions.Count == 0
                ? $"No model '{name}' is registered yet. Run 'sextant train' first."
                : $"Model '{name}' has no version {version}; versions: {string.Join(", ", versions.Select(v => v.Version))}.");
        var bytes = await store.Artifacts.GetAsync(info.ArtifactSha256, cancellationToken).ConfigureAwait(false);
        ModelArtifact artifact;
        try
        {
            artifact = JsonSerializer.Deserialize<ModelArtifact>(bytes, SextantJson.Options)
                ?? throw new SextantException($"Artifact of '{name}' v{info.Version} is empty.");
        }
        catch (JsonException ex)
        {
            throw new SextantException($"Artifact of '{name}' v{info.Version} is not a readable model: {ex.Message}", ex);
        }

        if (artifact.Format != ModelArtifact.FormatName || artifact.FormatVersion > ModelArtifact.CurrentFormatVersion)
        {
            throw new SextantException($"Artifact of '{name}' v{info.Version} has format {artifact.Format} v{artifact.FormatVersion}; this Sextant reads {ModelArtifact.FormatName} up to v{ModelArtifact.CurrentFormatVersion}. Upgrade Sextant.");
        }

        return new Predictor(artifact, info.Version);
    }
}
