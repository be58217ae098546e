using Sextant.Monitoring.Drift;

namespace Sextant.Projects;

/// <summary>
/// Drift monitoring of the served model (<c>monitoring:</c> in <c>sextant.yaml</c>): the reference, the current
/// window, the tests and thresholds, the dataset rule, the schedule, where alerts go and when to retrain.
/// </summary>
public sealed record MonitoringConfig
{
    /// <summary>The most training rows profiled as the reference of a version. <value>Default 100,000.</value></summary>
    public int ReferenceRows { get; init; } = 100_000;

    /// <summary>The fewest current rows a check needs; below it the check says "not enough data" and raises nothing. <value>Default 200.</value></summary>
    public int MinSample { get; init; } = 200;

    /// <summary>The alias whose predictions are checked (e.g. <c>prod</c>); null for the newest version's. <value>Default null.</value></summary>
    public string? Alias { get; init; }

    /// <summary>The current window. <value>Default: the last 24 hours.</value></summary>
    public MonitoringWindowConfig Window { get; init; } = new();

    /// <summary>The p-value below which a test flags drift. <value>Default 0.05.</value></summary>
    public double PValueThreshold { get; init; } = 0.05;

    /// <summary>The score at or above which a distance flags drift. <value>Default 0.1.</value></summary>
    public double DistanceThreshold { get; init; } = 0.1;

    /// <summary>The most reference rows for which p-value tests are chosen. <value>Default 1,000 (Evidently's).</value></summary>
    public int SmallReference { get; init; } = 1_000;

    /// <summary>The dataset rules as configuration spells them: <c>drifted_features</c> (Evidently's share or count of drifted features) and <c>corrected</c>.</summary>
    public static readonly IReadOnlyList<string> DatasetRules = ["drifted_features", "corrected"];

    /// <summary>
    /// How the dataset decision is taken: <c>drifted_features</c> (the share and count rules below, each feature drifted by
    /// its own method and threshold) or <c>corrected</c> (every feature tested by KS, chi-square or z, the p-values
    /// Holm-adjusted, dataset drift when any adjusted p-value is below <see cref="FamilyAlpha"/>). <value>Default drifted_features (Evidently's).</value>
    /// </summary>
    public string DatasetRule { get; init; } = "drifted_features";

    /// <summary>The family-wise false-alarm rate of the corrected rule. <value>Default 0.05.</value></summary>
    public double FamilyAlpha { get; init; } = 0.05;

    /// <summary>The share of drifted features at or above which the dataset drifts; 0 turns the share rule off. <value>Default 0.5.</value></summary>
    public double DatasetDriftShare { get; init; } = 0.5;

    /// <summary>The number of drifted features at or above which the dataset drifts; 0 turns the count rule off. <value>Default 0 (off).</value></summary>
    public int DatasetDriftFeatures { get; init; }

    /// <summary>The share of a window's requests refused for breaking declared schema rules at which a schema-violations alert opens; 0 turns it off. <value>Default 0.05.</value></summary>
    public double SchemaViolationShare { get; init; } = 0.05;

    /// <summary>Per-feature method (<c>ks, chisquare, z, wasserstein, jensenshannon, psi, kl_div</c>) and threshold. <value>Default none.</value></summary>
    public IReadOnlyDictionary<string, FeatureDriftOptions> Features { get; init; } = new Dictionary<string, FeatureDriftOptions>();

    /// <summary>A cron expression (five fields, UTC) for checks inside <c>sextant serve</c>; null for none. <value>Default null.</value></summary>
    public string? Schedule { get; init; }

    /// <summary>Where alerts are posted as JSON; null for nowhere. <value>Default null.</value></summary>
    public WebhookConfig? Webhook { get; init; }

    /// <summary>Realised performance from labelled predictions, and the missing-values rule. <value>Default: see <see cref="PerformanceConfig"/>.</value></summary>
    public PerformanceConfig Performance { get; init; } = new();

    /// <summary>How <c>sextant retrain</c> gets fresh data, and when an alert retrains the model automatically; null: no automatic retraining. <value>Default null.</value></summary>
    public RetrainConfig? Retrain { get; init; }

    /// <summary>The drift options these settings stand for.</summary>
    public DriftOptions ToDriftOptions() => new()
    {
        MinimumCurrentRows = MinSample,
        SmallReference = SmallReference,
        PValueThreshold = PValueThreshold,
        DistanceThreshold = DistanceThreshold,
        DatasetRule = DatasetRule == "corrected" ? DatasetDriftRule.Corrected : DatasetDriftRule.DriftedFeatures,
        FamilyAlpha = FamilyAlpha,
        DatasetDriftShare = DatasetDriftShare > 0 ? DatasetDriftShare : null,
        DatasetDriftFeatures = DatasetDriftFeatures > 0 ? DatasetDriftFeatures : null,
        Features = Features,
    };
}
