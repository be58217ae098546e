namespace Sextant.Forecasting.Arima;

/// <summary>One model the automatic search fitted, and its AICc (infinite when the fit failed or a root was within 1.01 of the unit circle).</summary>
/// <param name="Order">The orders.</param>
/// <param name="Constant">Whether it had a mean or drift.</param>
/// <param name="Aicc">Its corrected AIC.</param>
/// <param name="Approximate">Whether the AICc is the search's approximation from a conditional-sum-of-squares fit (R's <c>approximation = TRUE</c>).</param>
public sealed record ArimaCandidate(ArimaOrder Order, bool Constant, double Aicc, bool Approximate = false);
