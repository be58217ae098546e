namespace Sextant.Forecasting;

/// <summary>How far apart consecutive observations of a series are.</summary>
public enum SeriesFrequency
{
    /// <summary>Plain period numbers (1, 2, 3, ...) with no calendar meaning.</summary>
    Periods,

    /// <summary>One observation a day.</summary>
    Daily,

    /// <summary>One observation a week.</summary>
    Weekly,

    /// <summary>One observation a month.</summary>
    Monthly,

    /// <summary>One observation a quarter.</summary>
    Quarterly,

    /// <summary>One observation a year.</summary>
    Yearly,
}
