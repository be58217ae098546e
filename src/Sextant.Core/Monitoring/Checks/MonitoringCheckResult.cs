using Sextant.Monitoring.Alerts;
using Sextant.Monitoring.Drift;

namespace Sextant.Monitoring.Checks;

/// <summary>The outcome of one monitoring check: the window, the drift report and what happened to alerts.</summary>
public sealed record MonitoringCheckResult
{
    /// <summary>Gets the registered model.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the version checked.</summary>
    public required int Version { get; init; }

    /// <summary>Gets the alias the version was found through, if any.</summary>
    public string? Alias { get; init; }

    /// <summary>Gets when the check ran.</summary>
    public required DateTimeOffset CheckedAt { get; init; }

    /// <summary>Gets the window in words.</summary>
    public required string Window { get; init; }

    /// <summary>Gets the rows of the window.</summary>
    public required int WindowRows { get; init; }

    /// <summary>Gets the time of the oldest row.</summary>
    public DateTimeOffset? First { get; init; }

    /// <summary>Gets the time of the newest row.</summary>
    public DateTimeOffset? Last { get; init; }

    /// <summary>Gets the drift of the features and the prediction, and the dataset decision.</summary>
    public required DriftReport Drift { get; init; }

    /// <summary>Gets the realised performance on the window's labelled predictions (and a classifier's CBPE estimate).</summary>
    public Performance.PerformanceReport? Performance { get; init; }

    /// <summary>Gets the requests of the window the server refused for breaking declared schema rules.</summary>
    public Feedback.RefusedRequests? Refused { get; init; }

    /// <summary>Gets the alerts opened, updated or resolved by the check (empty when it only reported or had too little data).</summary>
    public required IReadOnlyList<AlertChange> Alerts { get; init; }
}
