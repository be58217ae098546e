using Sextant.Models;
using Sextant.Projects;
using Sextant.Server.Metrics;

namespace Sextant.Server;

/// <summary>Holds the served model; requests read <see cref="Current"/> once, so a swap never tears a request.</summary>
public sealed class ModelHost
{
    private volatile Predictor? _current;

    private readonly ServerMetrics _metrics;

    public ModelHost(SextantProject project, ServerMetrics metrics)
    {
        Project = project;
        _metrics = metrics;
    }

    public SextantProject Project { get; }

    public Predictor? Current => _current;

    public string? LoadError { get; private set; }

    /// <summary>Loads a version (the latest when null); on failure the previous model stays and the error is kept.</summary>
    public async Task LoadAsync(int? version, CancellationToken cancellationToken)
    {
        try
        {
            _current = await ModelLoader.LoadAsync(Project.Store, Project.Name, version, cancellationToken).ConfigureAwait(false);
            LoadError = null;
            _metrics.RecordModelLoad(succeeded: true);
        }
        catch (SextantException ex)
        {
            LoadError = ex.Message;
            _metrics.RecordModelLoad(succeeded: false);
        }
    }
}
