using Sextant.Forecasting.Optimization;

namespace Sextant.Forecasting.Arima;

/// <summary>Binds an <see cref="ArimaLikelihood"/> objective (conditional or exact) to the BFGS minimiser.</summary>
internal sealed class VariableMetricAdapter
{
    private readonly VariableMetric _minimizer;

    public VariableMetricAdapter(ArimaLikelihood likelihood, bool conditional, double[] scale)
    {
        _minimizer = conditional
            ? new VariableMetric(par => likelihood.ConditionalSumOfSquares(par), scale)
            : new VariableMetric(par => likelihood.Gaussian(par, transformed: true), scale);
    }

    public double Minimize(double[] par, out bool converged) => _minimizer.Minimize(par, out converged);
}
