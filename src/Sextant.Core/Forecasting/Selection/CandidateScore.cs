namespace Sextant.Forecasting.Selection;

/// <summary>How one method did in the rolling-origin cross-validation of the training part.</summary>
/// <param name="Method">The method.</param>
/// <param name="Smape">Mean sMAPE over the folds it could forecast (percent); infinite when it failed on every fold.</param>
/// <param name="Mase">Mean MASE over those folds.</param>
/// <param name="Folds">How many folds it was scored on.</param>
/// <param name="Failure">Why it failed on a fold, or <see langword="null"/>.</param>
public sealed record CandidateScore(ForecastMethod Method, double Smape, double Mase, int Folds, string? Failure);
