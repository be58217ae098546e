namespace Sextant.Forecasting.Ets;

/// <summary>Which restrictions the smoothing parameters of an ETS fit obey (R's <c>bounds</c>).</summary>
public enum EtsBounds
{
    /// <summary>Both the usual bounds and the admissible region (R's default).</summary>
    Both,

    /// <summary>Only the usual bounds: each parameter in its interval, beta &lt;= alpha, gamma &lt;= 1 - alpha.</summary>
    Usual,

    /// <summary>Only the admissible region (the model is forecastable: the discount matrix's eigenvalues inside the unit circle).</summary>
    Admissible,
}
