namespace Sextant.Projects;

/// <summary>Candidates and how the best is chosen.</summary>
public sealed record TrainingConfig
{
    /// <summary>The metric that picks the best candidate: rmse, mae, r2 (regression); roc_auc, accuracy, f1, log_loss (classification). <value>Default rmse or roc_auc by task.</value></summary>
    public string? PrimaryMetric { get; init; }

    /// <summary>Learners to try; a regularised linear model when empty.</summary>
    public IReadOnlyList<CandidateConfig> Candidates { get; init; } = [];

    /// <summary>Regression: nominal coverage of split-conformal intervals (0.8 gives p10/p90); 0 turns them off. <value>Default 0.8.</value></summary>
    public double IntervalCoverage { get; init; } = 0.8;

    /// <summary>
    /// How regression intervals are made: <c>split_conformal</c> (the same width for every row) or <c>cqr</c>
    /// (conformalised quantile regression: quantile boosting at both percentiles, then a conformal correction, so
    /// the width follows each row's uncertainty). <value>Default split_conformal.</value>
    /// </summary>
    public string IntervalMethod { get; init; } = "split_conformal";

    /// <summary>
    /// Classification: how predicted probabilities are calibrated on the held-out training rows: <c>auto</c> (Platt
    /// scaling when a split of those rows shows it lowers the log-loss), <c>platt</c> (a logistic curve on the
    /// log-odds; keeps the ranking, so ROC AUC), <c>isotonic</c> or <c>none</c>.
    /// <value>Default auto.</value>
    /// </summary>
    public string Calibration { get; init; } = "auto";

    /// <summary>
    /// Classification: the probability at or above which the positive label is predicted, a number in (0, 1), or
    /// <c>auto</c> for the one that maximises F1 on the held-out training rows. <value>Default 0.5.</value>
    /// </summary>
    public string DecisionThreshold { get; init; } = "0.5";

    /// <summary>When set, candidates are scored by cross-validation on the training rows instead of one validation split. <value>Default none.</value></summary>
    public CrossValidationConfig? Cv { get; init; }

    /// <summary>How candidates with <see cref="CandidateConfig.Search"/> ranges are tuned.</summary>
    public SearchConfig Search { get; init; } = new();
}
