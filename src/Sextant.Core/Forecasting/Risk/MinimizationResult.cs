namespace Sextant.Forecasting.Risk;

/// <summary>The outcome of <see cref="QuasiNewtonMinimizer.Minimize"/>.</summary>
/// <param name="Converged">Whether the gradient tolerance was met.</param>
/// <param name="Value">The objective at the returned point.</param>
/// <param name="Iterations">The BFGS iterations used.</param>
internal readonly record struct MinimizationResult(bool Converged, double Value, int Iterations);
