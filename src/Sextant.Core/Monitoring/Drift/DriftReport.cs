namespace Sextant.Monitoring.Drift;

/// <summary>The result of one drift check: per feature, the prediction, the target, and the dataset-level decision.</summary>
public sealed record DriftReport
{
    /// <summary>Whether the check ran.</summary>
    public required DriftCheckStatus Status { get; init; }

    /// <summary>A one-line summary for people.</summary>
    public required string Message { get; init; }

    /// <summary>The rows the reference profile describes.</summary>
    public required long ReferenceRows { get; init; }

    /// <summary>The rows of the current window.</summary>
    public required long CurrentRows { get; init; }

    /// <summary>The fewest current rows a check needs.</summary>
    public required int MinimumCurrentRows { get; init; }

    /// <summary>The features, in profile order; empty when there was not enough data.</summary>
    public required IReadOnlyList<FeatureDrift> Features { get; init; }

    /// <summary>Prediction drift, when both sides have predictions.</summary>
    public FeatureDrift? Prediction { get; init; }

    /// <summary>Target drift, when both sides have labels.</summary>
    public FeatureDrift? Target { get; init; }

    /// <summary>The number of drifted features.</summary>
    public required int DriftedFeatures { get; init; }

    /// <summary>The share of tested features that drifted.</summary>
    public required double DriftedShare { get; init; }

    /// <summary>Whether the dataset drifted under the configured rule.</summary>
    public required bool DatasetDrift { get; init; }

    /// <summary>The dataset rule that was applied, in words.</summary>
    public required string DatasetRule { get; init; }
}
