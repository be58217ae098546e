namespace Sextant.Forecasting.Risk;

/// <summary>
/// Value-at-risk and conditional value-at-risk (expected shortfall) of a one-period return at a confidence level,
/// both stated as positive losses in return units (0.03 is a 3% loss).
/// </summary>
/// <param name="Level">The confidence level, e.g. 0.99: the loss is exceeded with probability <c>1 - Level</c>.</param>
/// <param name="ValueAtRisk">The loss <c>-q</c> where <c>q</c> is the <c>1 - Level</c> quantile of the return.</param>
/// <param name="ExpectedShortfall">The mean loss given the return is at or below that quantile (CVaR).</param>
public sealed record TailRisk(double Level, double ValueAtRisk, double ExpectedShortfall);
