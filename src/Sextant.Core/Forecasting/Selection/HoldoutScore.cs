namespace Sextant.Forecasting.Selection;

/// <summary>One method's forecast of a held-out tail, scored; or why the method could not forecast it.</summary>
/// <param name="Method">The method's key (<c>auto</c>, <c>arima</c>, <c>snaive</c>, ...).</param>
/// <param name="Model">The fitted model's name, e.g. <c>ETS(A,N,N)</c>; null when fitting failed.</param>
/// <param name="Accuracy">The scores on the held-out points; null when fitting failed.</param>
/// <param name="Failure">Why fitting failed; null when it did not.</param>
public sealed record HoldoutScore(string Method, string? Model, ForecastAccuracy? Accuracy, string? Failure);
