namespace Sextant.Monitoring.Drift;

/// <summary>How the dataset-level decision is taken from the features' results.</summary>
public enum DatasetDriftRule
{
    /// <summary>
    /// Evidently's rule: the dataset drifts when the share of drifted features reaches
    /// <see cref="DriftOptions.DatasetDriftShare"/> or their number reaches <see cref="DriftOptions.DatasetDriftFeatures"/>,
    /// each feature drifted by its own method and threshold.
    /// </summary>
    DriftedFeatures,

    /// <summary>
    /// A multiple-testing-corrected rule: every feature is tested by a p-value test (its configured test, else KS,
    /// chi-square or z as for a reference of at most <see cref="DriftOptions.SmallReference"/> rows, whatever the reference
    /// size), the p-values are Holm-adjusted over the tested features, a feature drifts when its adjusted p-value is below
    /// <see cref="DriftOptions.FamilyAlpha"/>, and the dataset drifts when any feature does. The chance of a false alarm
    /// on data from the reference distribution is then at most the family alpha at every window size, under any dependence
    /// between features.
    /// </summary>
    Corrected,
}
