namespace Sextant.Forecasting.Ets;

/// <summary>One model the automatic ETS choice fitted.</summary>
/// <param name="Spec">The model form.</param>
/// <param name="Aicc">Its corrected AIC, infinite when it could not be fitted.</param>
/// <param name="Failure">Why it could not be fitted, or <see langword="null"/>.</param>
public sealed record EtsCandidate(EtsSpec Spec, double Aicc, string? Failure);
