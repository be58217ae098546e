namespace Sextant.Explain;

/// <summary>
/// Why a model predicted what it did for one record: <see cref="BaseValue"/> plus every contribution equals
/// <see cref="RawPrediction"/> (up to rounding, reported in <see cref="Check"/>).
/// </summary>
public sealed record Explanation
{
    /// <summary>Gets the expected raw prediction over the training rows, before any feature of this record is known.</summary>
    public required double BaseValue { get; init; }

    /// <summary>
    /// Gets the raw prediction the contributions add up to, in <see cref="Scale"/>: the regression value, the log-odds of
    /// the positive class (gradient boosting, logistic regression) or its probability (random forest).
    /// </summary>
    public required double RawPrediction { get; init; }

    /// <summary>Gets the prediction in the model's output units: the regression value or the probability of the positive class.</summary>
    public required double Prediction { get; init; }

    /// <summary>Gets the predicted label (classification).</summary>
    public string? Label { get; init; }

    /// <summary>Gets the scale of <see cref="BaseValue"/>, <see cref="RawPrediction"/> and the contributions: <c>value</c>, <c>log_odds</c> or <c>probability</c>.</summary>
    public required string Scale { get; init; }

    /// <summary>Gets the contribution of every source feature, largest absolute contribution first.</summary>
    public required IReadOnlyList<FeatureContribution> Contributions { get; init; }

    /// <summary>Gets <c>BaseValue + sum(contributions) - RawPrediction</c>: zero up to rounding.</summary>
    public required double Check { get; init; }

    /// <summary>Gets non-fatal notes about the record, e.g. categories unseen in training.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
