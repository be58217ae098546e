namespace Sextant.Forecasting.Ets;

/// <summary>How one component (error, trend or season) of an exponential smoothing model enters it.</summary>
public enum EtsComponent
{
    /// <summary>The component is absent (never for the error).</summary>
    None,

    /// <summary>The component is added.</summary>
    Additive,

    /// <summary>The component multiplies.</summary>
    Multiplicative,
}
