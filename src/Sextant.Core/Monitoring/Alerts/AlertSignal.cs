namespace Sextant.Monitoring.Alerts;

/// <summary>What a check found that should be (or stay) an alert: opens one, or updates the active one of its kind and model.</summary>
public sealed record AlertSignal
{
    /// <summary>Gets the registered model.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the model version checked, or <see langword="null"/> when the finding is not about one version.</summary>
    public int? Version { get; init; }

    /// <summary>Gets the kind.</summary>
    public required AlertKind Kind { get; init; }

    /// <summary>Gets the severity.</summary>
    public required AlertSeverity Severity { get; init; }

    /// <summary>Gets the features concerned (e.g. the drifted ones).</summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>Gets the numbers behind the finding, by name (a feature's drift score, <c>drifted_share</c>, ...).</summary>
    /// <value>Default empty.</value>
    public IReadOnlyDictionary<string, double> Scores { get; init; } = new Dictionary<string, double>();

    /// <summary>Gets a one-line message for people.</summary>
    public required string Message { get; init; }
}
