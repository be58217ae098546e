namespace Sextant.Monitoring.Drift;

/// <summary>How a column is profiled and tested for drift.</summary>
public enum DriftFeatureKind
{
    /// <summary>Numbers; NaN is missing.</summary>
    Numeric,

    /// <summary>Labels; <see langword="null"/> is missing.</summary>
    Categorical,
}
