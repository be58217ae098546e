namespace Sextant.Forecasting.Ets;

/// <summary>What the ETS fit minimises (R's <c>opt.crit</c>).</summary>
public enum EtsCriterion
{
    /// <summary>Minus twice the concentrated log-likelihood (R's default, <c>"lik"</c>).</summary>
    Likelihood,

    /// <summary>The in-sample one-step mean squared error (<c>"mse"</c>, which <c>ses</c> and so <c>thetaf</c> use).</summary>
    MeanSquaredError,
}
