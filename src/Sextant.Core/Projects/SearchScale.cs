namespace Sextant.Projects;

/// <summary>How values are drawn between the bounds of a <see cref="SearchRange"/>.</summary>
public enum SearchScale
{
    /// <summary>Uniform between the bounds.</summary>
    Linear,

    /// <summary>Uniform in the logarithm: as many draws between 0.01 and 0.1 as between 0.1 and 1. Bounds must be positive.</summary>
    Log,

    /// <summary>A whole number, every value between the bounds (inclusive) equally likely.</summary>
    Int,
}
