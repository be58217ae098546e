namespace Sextant.Models;

/// <summary>One candidate's result: its selection score (on a validation split of the training rows) and timings.</summary>
public sealed record LeaderboardEntry(string Candidate, string Learner, IReadOnlyDictionary<string, double> Metrics, double FitMilliseconds, double PredictMicrosecondsPerRow, bool Selected)
{
    /// <summary>For a trial of a tuning search, the value drawn for each searched option; null for a declared candidate.</summary>
    public IReadOnlyDictionary<string, double>? Sampled { get; init; }

    /// <summary>
    /// The fraction of the fitting rows the score was measured with: 1, or less for a successive-halving trial that
    /// was stopped early (and so cannot be selected). <value>Default 1.</value>
    /// </summary>
    public double RowBudget { get; init; } = 1;

    /// <summary>The number of cross-validation folds the metrics are the mean of; null when scored on a validation split.</summary>
    public int? Folds { get; init; }
}
