namespace Sextant.Models;

/// <summary>A model's answer for one record.</summary>
/// <param name="Value">Regression: the prediction. Classification: the probability of the positive class.</param>
/// <param name="Label">Classification: the predicted label.</param>
/// <param name="Warnings">Non-fatal notes, e.g. categories unseen in training.</param>
/// <param name="Lower">Regression with intervals: the lower bound.</param>
/// <param name="Upper">Regression with intervals: the upper bound.</param>
public sealed record Prediction(double Value, string? Label, IReadOnlyList<string> Warnings, double? Lower = null, double? Upper = null);
