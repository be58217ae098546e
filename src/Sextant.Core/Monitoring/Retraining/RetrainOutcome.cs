using Sextant.Registry;

namespace Sextant.Monitoring.Retraining;

/// <summary>
/// What a retrain did: <c>skipped</c> (not enough new rows: nothing was trained), <c>kept</c> (the challenger was
/// registered but the gate kept the champion) or <c>promoted</c> (the challenger now holds the alias).
/// </summary>
public sealed record RetrainOutcome
{
    /// <summary>Gets <c>skipped</c>, <c>kept</c> or <c>promoted</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Gets the decision or the reason for skipping, in words.</summary>
    public required string Reason { get; init; }

    /// <summary>Gets the trigger.</summary>
    public required string Trigger { get; init; }

    /// <summary>Gets the alias competed for.</summary>
    public required string Alias { get; init; }

    /// <summary>Gets the version that held the alias before, or <see langword="null"/>.</summary>
    public int? ChampionVersion { get; init; }

    /// <summary>Gets the dataset version the champion was trained on, or <see langword="null"/>.</summary>
    public int? ChampionDatasetVersion { get; init; }

    /// <summary>Gets the registered challenger, or <see langword="null"/> when skipped.</summary>
    public int? ChallengerVersion { get; init; }

    /// <summary>Gets the dataset version of the fresh data.</summary>
    public required int DatasetVersion { get; init; }

    /// <summary>Gets the rows of the fresh data.</summary>
    public required int Rows { get; init; }

    /// <summary>Gets the rows of the fresh data the champion was not trained on.</summary>
    public required int NewRows { get; init; }

    /// <summary>Gets the primary metric's name.</summary>
    public required string PrimaryMetric { get; init; }

    /// <summary>Gets the challenger's primary metric on the common held-out rows, or <see langword="null"/>.</summary>
    public double? ChallengerMetric { get; init; }

    /// <summary>Gets the champion's primary metric on the same rows, or <see langword="null"/>.</summary>
    public double? ChampionMetric { get; init; }

    /// <summary>Gets the stored promotion decision, or <see langword="null"/> when skipped.</summary>
    public PromotionDecision? Decision { get; init; }

    /// <summary>Gets the challenger's tracked run, or <see langword="null"/>.</summary>
    public string? RunId { get; init; }
}
