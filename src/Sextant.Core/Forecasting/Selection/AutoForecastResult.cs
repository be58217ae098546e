namespace Sextant.Forecasting.Selection;

/// <summary>What the automatic choice picked and why.</summary>
/// <param name="Method">The method with the lowest cross-validated sMAPE.</param>
/// <param name="Model">That method fitted to the whole series.</param>
/// <param name="Scores">Every candidate's cross-validation score, best first.</param>
/// <param name="Reason">The choice in one sentence.</param>
public sealed record AutoForecastResult(ForecastMethod Method, IForecastModel Model, IReadOnlyList<CandidateScore> Scores, string Reason);
