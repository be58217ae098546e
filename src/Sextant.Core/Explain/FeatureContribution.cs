namespace Sextant.Explain;

/// <summary>One source feature's share of a prediction.</summary>
/// <param name="Feature">The feature (a schema feature or a derived feature); a categorical feature's one-hot columns are summed into it.</param>
/// <param name="Value">The record's value of the feature, invariant text; <see langword="null"/> when missing.</param>
/// <param name="Contribution">How much the feature moves the raw prediction away from the base value, in the units of <see cref="Explanation.RawPrediction"/>.</param>
public sealed record FeatureContribution(string Feature, string? Value, double Contribution);
