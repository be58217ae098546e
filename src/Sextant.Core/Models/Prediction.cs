namespace Sextant.Models;

/// <summary>A model's answer for one record.</summary>
/// <param name="Value">Regression: the prediction. Classification: the probability of the positive class.</param>
/// <param name="Label">Classification: the predicted label.</param>
/// <param name="Warnings">Non-fatal notes, e.g. categories unseen in training.</param>
public sealed record Prediction(double Value, string? Label, IReadOnlyList<string> Warnings);
