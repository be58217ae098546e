namespace Sextant.Forecasting.Arima;

/// <summary>The outcome of the automatic ARIMA search.</summary>
/// <param name="Model">The chosen model (lowest AICc).</param>
/// <param name="Differences">The ordinary differences the KPSS tests chose.</param>
/// <param name="SeasonalDifferences">The seasonal differences the seasonal-strength test chose.</param>
/// <param name="Candidates">Every model fitted, in the order the search tried them.</param>
public sealed record AutoArimaResult(ArimaModel Model, int Differences, int SeasonalDifferences, IReadOnlyList<ArimaCandidate> Candidates);
