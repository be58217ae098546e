namespace Sextant.Forecasting.Risk;

/// <summary>One estimated parameter of a GARCH model, as fGarch's coefficient table reports it.</summary>
/// <param name="Name">fGarch's name: <c>mu</c>, <c>omega</c>, <c>alpha1</c>, <c>beta1</c> or <c>shape</c>.</param>
/// <param name="Estimate">The maximum-likelihood estimate, in the units of the returns.</param>
/// <param name="StandardError">
/// The standard error from the inverse of the negative Hessian of the log-likelihood at the optimum (a numerical
/// Hessian of the analytic gradient); NaN when that Hessian is not negative definite (an estimate on a boundary).
/// </param>
/// <param name="TValue">The estimate divided by its standard error.</param>
public sealed record GarchCoefficient(string Name, double Estimate, double StandardError, double TValue);
