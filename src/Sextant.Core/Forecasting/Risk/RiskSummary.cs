namespace Sextant.Forecasting.Risk;

/// <summary>The volatility and risk summary of a fitted GARCH(1,1) model (the body a <c>GET /risk</c> returns).</summary>
/// <param name="Model">The model, <c>GARCH(1,1)</c>.</param>
/// <param name="Distribution">The innovation distribution.</param>
/// <param name="Observations">The number of returns fitted.</param>
/// <param name="Coefficients">The estimates with standard errors and t values.</param>
/// <param name="LogLikelihood">The maximised log-likelihood.</param>
/// <param name="Aic">Akaike's criterion <c>-2 LL + 2 k</c>.</param>
/// <param name="Bic">The Bayesian criterion <c>-2 LL + k ln n</c>.</param>
/// <param name="Persistence"><c>alpha + beta</c>.</param>
/// <param name="HalfLife">The half-life of a variance shock, in periods.</param>
/// <param name="PeriodsPerYear">The periods per year the annualised volatilities use.</param>
/// <param name="LongRunVolatility">The unconditional volatility of one period.</param>
/// <param name="AnnualisedLongRunVolatility">The unconditional volatility scaled to a year.</param>
/// <param name="NextVolatility">The volatility forecast for the next period.</param>
/// <param name="AnnualisedNextVolatility">The next period's volatility scaled to a year.</param>
/// <param name="VolatilityForecast">The volatility forecasts for periods 1 .. horizon ahead.</param>
/// <param name="Parametric">The model's one-period VaR and CVaR at 95% and 99%.</param>
/// <param name="Historical">The historical VaR and CVaR of the fitted returns at 95% and 99%.</param>
public sealed record RiskSummary(
    string Model,
    GarchDistribution Distribution,
    int Observations,
    IReadOnlyList<GarchCoefficient> Coefficients,
    double LogLikelihood,
    double Aic,
    double Bic,
    double Persistence,
    double HalfLife,
    double PeriodsPerYear,
    double LongRunVolatility,
    double AnnualisedLongRunVolatility,
    double NextVolatility,
    double AnnualisedNextVolatility,
    IReadOnlyList<double> VolatilityForecast,
    IReadOnlyList<TailRisk> Parametric,
    IReadOnlyList<TailRisk> Historical);
