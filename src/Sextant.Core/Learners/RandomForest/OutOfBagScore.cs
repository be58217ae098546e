namespace Sextant.Learners.RandomForest;

/// <summary>
/// The out-of-bag score of a random forest, computed at fit time: each training row is predicted by the trees whose
/// bootstrap sample left it out, and only rows left out by at least one tree are scored.
/// </summary>
public sealed record OutOfBagScore
{
    /// <summary>Gets the number of training rows left out by at least one tree (the rows scored).</summary>
    public int Rows { get; init; }

    /// <summary>Gets the coefficient of determination of the out-of-bag predictions (regression), else <see langword="null"/>.</summary>
    public double? R2 { get; init; }

    /// <summary>Gets the fraction of rows whose out-of-bag probability is on the right side of 0.5 (classification), else <see langword="null"/>.</summary>
    public double? Accuracy { get; init; }

    /// <summary>Gets the ROC AUC of the out-of-bag probabilities (classification; NaN with one class), else <see langword="null"/>.</summary>
    public double? RocAuc { get; init; }
}
