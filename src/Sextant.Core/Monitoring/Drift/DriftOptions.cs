using System.Globalization;

namespace Sextant.Monitoring.Drift;

/// <summary>
/// How drift is tested (the <c>monitoring:</c> block of <c>sextant.yaml</c> binds to this). Without overrides each
/// feature gets Evidently's default: with at most <see cref="SmallReference"/> reference rows, Kolmogorov-Smirnov for
/// numeric features with more than 5 distinct values, chi-square for more than 2 categories, the z-test for 2, each at
/// p &lt; <see cref="PValueThreshold"/>; with more, normed Wasserstein for numeric features and Jensen-Shannon for
/// categorical ones and numeric ones with at most 5 values, at <see cref="DistanceThreshold"/>. The dataset decision
/// follows <see cref="DatasetRule"/>.
/// </summary>
public sealed record DriftOptions
{
    /// <summary>Gets the fewest current rows a check needs; below it the report says "not enough data" and flags nothing.</summary>
    /// <value>Default 200.</value>
    public int MinimumCurrentRows { get; init; } = 200;

    /// <summary>Gets the most reference rows (non-missing, per feature) for which p-value tests are chosen.</summary>
    /// <value>Default 1,000 (Evidently's).</value>
    public int SmallReference { get; init; } = 1_000;

    /// <summary>Gets the p-value below which a test flags drift when a feature sets none.</summary>
    /// <value>Default 0.05.</value>
    public double PValueThreshold { get; init; } = 0.05;

    /// <summary>Gets the score at or above which a distance (Wasserstein, Jensen-Shannon, PSI, KL) flags drift when a feature sets none.</summary>
    /// <value>Default 0.1 (Evidently's for each of them).</value>
    public double DistanceThreshold { get; init; } = 0.1;

    /// <summary>Gets how the dataset-level decision is taken.</summary>
    /// <value>Default <see cref="DatasetDriftRule.DriftedFeatures"/> (Evidently's).</value>
    public DatasetDriftRule DatasetRule { get; init; } = DatasetDriftRule.DriftedFeatures;

    /// <summary>
    /// Gets the family-wise false-alarm rate of <see cref="DatasetDriftRule.Corrected"/>: the Holm-adjusted p-value below
    /// which a feature, and so the dataset, drifts.
    /// </summary>
    /// <value>Default 0.05.</value>
    public double FamilyAlpha { get; init; } = 0.05;

    /// <summary>
    /// Gets the share of drifted features at or above which the dataset drifts under <see cref="DatasetDriftRule.DriftedFeatures"/>,
    /// or <see langword="null"/> for no share rule.
    /// </summary>
    /// <value>Default 0.5 (Evidently's).</value>
    public double? DatasetDriftShare { get; init; } = 0.5;

    /// <summary>
    /// Gets the number of drifted features at or above which the dataset drifts, or <see langword="null"/> for no count rule
    /// (pmmds uses 3). With both rules set, either one is enough.
    /// </summary>
    /// <value>Default <see langword="null"/>.</value>
    public int? DatasetDriftFeatures { get; init; }

    /// <summary>Gets per-feature overrides of method and threshold, by feature name.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyDictionary<string, FeatureDriftOptions> Features { get; init; } = new Dictionary<string, FeatureDriftOptions>();

    /// <summary>Gets the most features tested at once, or -1 for as many as there are cores.</summary>
    /// <value>Default -1.</value>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Checks every option that does not depend on the data.</summary>
    /// <exception cref="SextantException">A value is out of range or a method is unknown; the message names it.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (MinimumCurrentRows < 1)
        {
            problems.Add($"minimum_current_rows must be at least 1 (got {MinimumCurrentRows}).");
        }

        if (SmallReference < 0)
        {
            problems.Add($"small_reference must be >= 0 (got {SmallReference}).");
        }

        if (!(PValueThreshold > 0 && PValueThreshold < 1))
        {
            problems.Add(Invariant($"p_value_threshold must be strictly between 0 and 1 (got {PValueThreshold})."));
        }

        if (!(double.IsFinite(DistanceThreshold) && DistanceThreshold > 0))
        {
            problems.Add(Invariant($"distance_threshold must be a finite number > 0 (got {DistanceThreshold})."));
        }

        if (DatasetDriftShare is { } share && !(share > 0 && share <= 1))
        {
            problems.Add(Invariant($"dataset_drift_share must be in (0, 1] (got {share})."));
        }

        if (DatasetDriftFeatures is < 1)
        {
            problems.Add($"dataset_drift_features must be at least 1 (got {DatasetDriftFeatures}).");
        }

        if (!Enum.IsDefined(DatasetRule))
        {
            problems.Add($"dataset_rule must be drifted_features or corrected (got {DatasetRule}).");
        }

        if (!(FamilyAlpha > 0 && FamilyAlpha < 1))
        {
            problems.Add(Invariant($"family_alpha must be strictly between 0 and 1 (got {FamilyAlpha})."));
        }

        if (DatasetRule == DatasetDriftRule.DriftedFeatures && DatasetDriftShare is null && DatasetDriftFeatures is null)
        {
            problems.Add("set dataset_drift_share, dataset_drift_features or both: the dataset-level decision needs a rule.");
        }

        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            problems.Add($"max_degree_of_parallelism must be -1 or at least 1 (got {MaxDegreeOfParallelism}).");
        }

        if (Features is null)
        {
            problems.Add("features must not be null.");
        }
        else
        {
            foreach (var (name, feature) in Features.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                if (feature is null)
                {
                    problems.Add($"features.{name}: must not be empty.");
                    continue;
                }

                DriftMethod? method = null;
                if (feature.Method is not null)
                {
                    try
                    {
                        method = DriftMethods.Parse(feature.Method);
                    }
                    catch (SextantException ex)
                    {
                        problems.Add($"features.{name}.method: {ex.Message}");
                    }
                }

                if (DatasetRule == DatasetDriftRule.Corrected && method is { } distance && !distance.IsTest())
                {
                    problems.Add($"features.{name}.method: {feature.Method} is a distance; dataset_rule corrected needs a p-value test (ks, chisquare, z) or none.");
                }

                if (DatasetRule == DatasetDriftRule.Corrected && feature.Threshold is not null)
                {
                    problems.Add($"features.{name}.threshold: dataset_rule corrected compares every feature's adjusted p-value with family_alpha; remove the threshold.");
                }
                else if (feature.Threshold is { } threshold)
                {
                    if (method is { } m && m.IsTest() && !(threshold > 0 && threshold < 1))
                    {
                        problems.Add(Invariant($"features.{name}.threshold: a p-value threshold must be strictly between 0 and 1 (got {threshold})."));
                    }
                    else if (!(double.IsFinite(threshold) && threshold > 0))
                    {
                        problems.Add(Invariant($"features.{name}.threshold: must be a finite number > 0 (got {threshold})."));
                    }
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new SextantException("Invalid drift monitoring options: " + string.Join(" ", problems));
        }
    }

    /// <summary>Checks the options and that every overridden feature exists in the profile and suits its method.</summary>
    /// <exception cref="SextantException">An option is invalid, a feature is unknown, or a method does not suit a feature.</exception>
    public void Validate(ReferenceProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Validate();
        var problems = new List<string>();
        foreach (var (name, feature) in Features.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var known = profile.Find(name);
            if (known is null)
            {
                problems.Add($"features.{name}: no such feature in the reference profile (features: {string.Join(", ", profile.Features.Select(f => f.Name))}).");
                continue;
            }

            if (feature.Method is null)
            {
                continue;
            }

            var method = DriftMethods.Parse(feature.Method);
            if (known.Kind == DriftFeatureKind.Categorical && method is DriftMethod.Ks or DriftMethod.Wasserstein)
            {
                problems.Add($"features.{name}.method: {feature.Method} needs a numeric feature; '{name}' is categorical.");
            }

            if (method == DriftMethod.ZTest && ReferenceBuckets(known) > 2)
            {
                problems.Add($"features.{name}.method: z compares two categories; '{name}' has {ReferenceBuckets(known)} in the reference.");
            }
        }

        if (problems.Count > 0)
        {
            throw new SextantException("Invalid drift monitoring options: " + string.Join(" ", problems));
        }
    }

    /// <summary>The threshold of a feature under a method: its override, else the default for the method's kind.</summary>
    internal double ThresholdFor(string feature, DriftMethod method) =>
        Features.TryGetValue(feature, out var o) && o.Threshold is { } t ? t : method.IsTest() ? PValueThreshold : DistanceThreshold;

    private static int ReferenceBuckets(FeatureProfile feature) =>
        feature.Categorical?.Categories.Length ?? feature.Numeric?.DiscreteValues?.Length ?? int.MaxValue;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
