namespace Sextant.Monitoring.Drift;

/// <summary>A test of drift for one feature. Tests give p-values (drift when p &lt; threshold); distances give a score (drift when score &gt;= threshold).</summary>
public enum DriftMethod
{
    /// <summary>Two-sample Kolmogorov-Smirnov on the reference sample (numeric); a p-value.</summary>
    Ks,

    /// <summary>Chi-square test of homogeneity on categories, discrete values or quantile bins; a p-value.</summary>
    ChiSquare,

    /// <summary>Pooled two-proportion z-test (two categories); a p-value.</summary>
    ZTest,

    /// <summary>Wasserstein distance over the reference standard deviation (numeric); a distance.</summary>
    Wasserstein,

    /// <summary>Jensen-Shannon distance (natural log) on categories or bins; a distance.</summary>
    JensenShannon,

    /// <summary>Population stability index on the reference's bins; a distance.</summary>
    Psi,

    /// <summary>Kullback-Leibler divergence KL(reference || current) on the reference's bins; a distance.</summary>
    KlDiv,
}
