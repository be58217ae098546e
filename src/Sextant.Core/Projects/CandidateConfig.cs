namespace Sextant.Projects;

/// <summary>One learner to try, with its options (unset options take the learner's documented defaults).</summary>
public sealed record CandidateConfig
{
    /// <summary>
    /// <c>ridge</c>, <c>lasso</c>, <c>elastic_net</c> (regression), <c>logistic</c> (classification), <c>gbm</c> (histogram gradient boosting, both) or
    /// <c>random_forest</c> (both).
    /// </summary>
    public string Learner { get; init; } = "";

    /// <summary>A display name. <value>Default: the learner with its options.</value></summary>
    public string? Name { get; init; }

    /// <summary>L2 penalty: on standardised coefficients (linear) or on leaf values (gbm). <value>Default 1.0.</value></summary>
    public double? L2 { get; init; }

    /// <summary>
    /// lasso, elastic_net: the penalty strength on standardised coefficients, scikit-learn's scale (the squared error
    /// is averaged over rows). <value>Default 1.0.</value>
    /// </summary>
    public double? Alpha { get; init; }

    /// <summary>elastic_net: the L1 share of the penalty, in [0, 1]. <value>Default 0.5.</value></summary>
    public double? L1Ratio { get; init; }

    /// <summary>gbm: boosting rounds (an upper bound with early stopping). <value>Default 1000.</value></summary>
    public int? Rounds { get; init; }

    /// <summary>gbm: shrinkage. <value>Default 0.1.</value></summary>
    public double? LearningRate { get; init; }

    /// <summary>gbm, random_forest: leaves per tree. <value>Default 31 (gbm), none (random_forest).</value></summary>
    public int? MaxLeaves { get; init; }

    /// <summary>gbm, random_forest: depth limit. <value>Default none.</value></summary>
    public int? MaxDepth { get; init; }

    /// <summary>gbm, random_forest: fewest training rows in a leaf. <value>Default 20 (gbm), 1 (random_forest).</value></summary>
    public int? MinSamplesLeaf { get; init; }

    /// <summary>gbm regression loss: squared_error, absolute_error or huber. <value>Default squared_error.</value></summary>
    public string? Loss { get; init; }

    /// <summary>
    /// gbm: how categorical features reach the trees: <c>native</c> (one column of level codes per feature, split by
    /// sets of levels as LightGBM does) or <c>onehot</c> (one 0/1 column per level). <value>Default native.</value>
    /// </summary>
    public string? Categorical { get; init; }

    /// <summary>gbm: the fraction of training rows each tree is grown on, drawn anew each round. <value>Default 1.0.</value></summary>
    public double? RowSubsample { get; init; }

    /// <summary>gbm: the fraction of features each tree may split on, drawn anew each round. <value>Default 1.0.</value></summary>
    public double? FeatureSubsample { get; init; }

    /// <summary>gbm: the most quantile bins per numeric feature, 2 to 255. <value>Default 255.</value></summary>
    public int? MaxBins { get; init; }

    /// <summary>
    /// gbm: whether unweighted fits other than log-loss search splits on gradients rounded to integer levels (leaf
    /// values still use the exact gradients); false keeps double sums, slower. <value>Default true.</value>
    /// </summary>
    public bool? QuantisedGradients { get; init; }

    /// <summary>gbm, native categorical: smoothing of the category order, and the fewest rows a category needs to be ordered. <value>Default 10.</value></summary>
    public double? CatSmooth { get; init; }

    /// <summary>gbm, native categorical: leaves with at most this many categories try each alone against the rest. <value>Default 4.</value></summary>
    public int? MaxCatToOnehot { get; init; }

    /// <summary>gbm, native categorical: the most categories on the scanned side of an ordered split. <value>Default 32.</value></summary>
    public int? MaxCatThreshold { get; init; }

    /// <summary>gbm, native categorical: the fewest rows between split points of an ordered split, and beyond the last. <value>Default 100.</value></summary>
    public int? MinDataPerGroup { get; init; }

    /// <summary>gbm, native categorical: extra L2 on the children of an ordered split. <value>Default 10.</value></summary>
    public double? CatL2 { get; init; }

    /// <summary>random_forest: number of trees. <value>Default 100.</value></summary>
    public int? Trees { get; init; }

    /// <summary>
    /// random_forest: features per split, <c>sqrt</c> or a fraction in (0, 1].
    /// <value>Default a third of the features (regression), sqrt (classification).</value>
    /// </summary>
    public string? MaxFeatures { get; init; }

    /// <summary>random_forest: whether each tree grows on a bootstrap sample. <value>Default true.</value></summary>
    public bool? Bootstrap { get; init; }

    /// <summary>random_forest: the seed of the trees' random choices. <value>Default the split seed.</value></summary>
    public int? Seed { get; init; }

    /// <summary>
    /// Ranges to tune, by option: <c>{learning_rate: [0.03, 0.3, log], max_leaves: [15, 63, int]}</c>; each is
    /// <c>[min, max]</c> or <c>[min, max, linear|log|int]</c> (see <see cref="SearchRange"/>). Used by
    /// <c>sextant train --selection tuned|both</c>; the candidate's other options stay as declared.
    /// <value>Default none.</value>
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Search { get; init; }
}
