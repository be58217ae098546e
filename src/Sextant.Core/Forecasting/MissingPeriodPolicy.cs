namespace Sextant.Forecasting;

/// <summary>What to do with periods of a regular series that have no observation.</summary>
public enum MissingPeriodPolicy
{
    /// <summary>Fill them by linear interpolation between their neighbours.</summary>
    Interpolate,

    /// <summary>Fill them with 0 (counts, sales: nothing happened).</summary>
    Zero,

    /// <summary>Refuse the series, naming the first missing period.</summary>
    Refuse,
}
