using Sextant.Models;
using Sextant.Projects;
using Sextant.Server.Metrics;

namespace Sextant.Server;

/// <summary>Holds the served model; requests read <see cref="Current"/> once, so a swap never tears a request.</summary>
public sealed class ModelHost
{
    private volatile Predictor? _current;

    private readonly ServerMetrics _metrics;

    // One load at a time: the reload endpoint and the alias watcher never interleave.
    private readonly SemaphoreSlim _loading = new(1, 1);

    public ModelHost(SextantProject project, ServerMetrics metrics, string? alias = null)
    {
        Project = project;
        _metrics = metrics;
        Alias = alias;
    }

    /// <summary>The alias served (its current version is loaded), or null for the latest version.</summary>
    public string? Alias { get; }

    public SextantProject Project { get; }

    public Predictor? Current => _current;

    public string? LoadError { get; private set; }

    /// <summary>Loads a version (when null: the alias's version, else the latest); on failure the previous model stays and the error is kept.</summary>
    public async Task LoadAsync(int? version, CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _current = version is null && Alias is not null
                ? await ModelLoader.LoadAliasAsync(Project, Alias, cancellationToken).ConfigureAwait(false)
                : await ModelLoader.LoadAsync(Project, version, cancellationToken).ConfigureAwait(false);
            LoadError = null;
            _metrics.RecordModelLoad(succeeded: true);
        }
        catch (Exception ex) when (ex is SextantException or System.Data.Common.DbException)
        {
            LoadError = ex.Message;
            _metrics.RecordModelLoad(succeeded: false);
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>
    /// When serving an alias: loads its version if the alias has moved (promotion or rollback by any process).
    /// Returns true when a new version was loaded. A failed load keeps the served model.
    /// </summary>
    public async Task<bool> FollowAliasAsync(CancellationToken cancellationToken)
    {
        if (Alias is null)
        {
            return false;
        }

        var aliases = await Project.Metadata.GetAliasesAsync(Project.Name, cancellationToken).ConfigureAwait(false);
        if (!aliases.TryGetValue(Alias, out var version) || version == _current?.Version)
        {
            return false;
        }

        await LoadAsync(null, cancellationToken).ConfigureAwait(false);
        return _current?.Version == version;
    }
}
