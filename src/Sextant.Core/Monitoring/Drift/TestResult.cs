namespace Sextant.Monitoring.Drift;

/// <summary>The outcome of one statistical test of drift: its statistic and, for a hypothesis test, its p-value.</summary>
/// <param name="Statistic">The test statistic (KS D, chi-square, z) or the distance.</param>
/// <param name="PValue">The p-value, or NaN for a distance that has none.</param>
public readonly record struct TestResult(double Statistic, double PValue);
