using Sextant.Models;
using Sextant.Projects;

namespace Sextant.Core.Tests.Monitoring;

/// <summary>A test class's own trained sales project (one ridge candidate) and its model, in a temporary folder.</summary>
public abstract class TrainedSalesProject : IAsyncLifetime
{
    /// <summary>The first logged prediction's time in these tests.</summary>
    protected static readonly DateTimeOffset Start = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _dir = new();

    protected SextantProject Project { get; private set; } = null!;

    protected Predictor Predictor { get; private set; } = null!;

    public async Task InitializeAsync() => (Project, Predictor) = await SalesTraffic.TrainedProjectAsync(_dir.Path);

    public async Task DisposeAsync()
    {
        await Project.DisposeAsync();
        _dir.Dispose();
    }
}
