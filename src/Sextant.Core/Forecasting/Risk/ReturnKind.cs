namespace Sextant.Forecasting.Risk;

/// <summary>How <see cref="Returns.FromPrices"/> turns consecutive prices into returns.</summary>
public enum ReturnKind
{
    /// <summary>Log returns <c>ln(p_t / p_{t-1})</c>: additive over time, the usual input of GARCH models.</summary>
    Log,

    /// <summary>Simple (arithmetic) returns <c>p_t / p_{t-1} - 1</c>: additive across a portfolio's positions.</summary>
    Simple,
}
