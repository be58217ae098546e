namespace Sextant.Learners.RandomForest;

/// <summary>
/// Options for <see cref="RandomForestTrainer"/>: bagged histogram trees in the manner of scikit-learn's
/// <c>RandomForestRegressor</c> and <c>RandomForestClassifier</c>, whose defaults these follow (100 fully grown trees on
/// bootstrap samples; the square root of the feature count per split for classification) except one: regression
/// considers a third of the features per split (Breiman; R's randomForest), not all of them. Splits minimise squared error, which for 0/1 labels is the Gini criterion.
/// </summary>
public sealed record RandomForestOptions
{
    /// <summary>The largest <see cref="MaxBins"/>: bin indices are bytes and one more is kept for missing values.</summary>
    public const int MaxBinsLimit = 255;

    /// <summary>Gets what the forest predicts.</summary>
    /// <value>Default <see cref="RandomForestTask.Regression"/>.</value>
    public RandomForestTask Task { get; init; } = RandomForestTask.Regression;

    /// <summary>Gets the number of trees.</summary>
    /// <value>Default 100.</value>
    public int Trees { get; init; } = 100;

    /// <summary>Gets the largest depth of a leaf (the root is at depth 0), or <see langword="null"/> for no limit.</summary>
    /// <value>Default <see langword="null"/>: trees grow until leaves are pure or hit <see cref="MinSamplesLeaf"/>.</value>
    public int? MaxDepth { get; init; }

    /// <summary>
    /// Gets the largest number of leaves per tree, or <see langword="null"/> for no limit. With a limit, trees grow
    /// best-first (largest gain first); without, depth-first.
    /// </summary>
    /// <value>Default <see langword="null"/>.</value>
    public int? MaxLeaves { get; init; }

    /// <summary>Gets the fewest distinct sampled rows a leaf may hold.</summary>
    /// <value>Default 1.</value>
    public int MinSamplesLeaf { get; init; } = 1;

    /// <summary>
    /// Gets how many features each split considers, drawn anew at every split, or <see langword="null"/> for the task's
    /// default.
    /// </summary>
    /// <value>Default <see langword="null"/>: <see cref="RandomForestMaxFeatures.Third"/> for regression, <see cref="RandomForestMaxFeatures.Sqrt"/> for classification.</value>
    public RandomForestMaxFeatures? MaxFeatures { get; init; }

    /// <summary>
    /// Gets whether each tree grows on a bootstrap sample (rows drawn with replacement, as multiplicity weights); when
    /// false, each tree grows on <see cref="SampleFraction"/> of the rows drawn without replacement.
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool Bootstrap { get; init; } = true;

    /// <summary>Gets the number of draws per tree as a fraction of the training rows, in (0, 1] (scikit-learn's <c>max_samples</c>).</summary>
    /// <value>Default 1.0.</value>
    public double SampleFraction { get; init; } = 1.0;

    /// <summary>Gets the largest number of quantile bins per feature (missing values get one more bin of their own); 2 to 255.</summary>
    /// <value>Default 255.</value>
    public int MaxBins { get; init; } = MaxBinsLimit;

    /// <summary>Gets the seed of every random choice; tree <c>t</c> draws from a generator seeded by (seed, t).</summary>
    /// <value>Default 0.</value>
    public int Seed { get; init; }

    /// <summary>Gets the largest number of threads (trees grow in parallel), or -1 for all cores. The model does not depend on it.</summary>
    /// <value>Default -1.</value>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Gets the features per split in effect: <see cref="MaxFeatures"/>, or the task's default.</summary>
    public RandomForestMaxFeatures EffectiveMaxFeatures =>
        MaxFeatures ?? (Task == RandomForestTask.Classification ? RandomForestMaxFeatures.Sqrt : RandomForestMaxFeatures.Third);

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it and the allowed range.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Task))
        {
            throw new ArgumentOutOfRangeException(nameof(Task), Task, "Task is not a known RandomForestTask.");
        }

        if (Trees < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Trees), Trees, "Trees must be at least 1.");
        }

        if (MaxDepth is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDepth), MaxDepth, "MaxDepth must be at least 1, or null for no limit.");
        }

        if (MaxLeaves is < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxLeaves), MaxLeaves, "MaxLeaves must be at least 2, or null for no limit.");
        }

        if (MinSamplesLeaf < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinSamplesLeaf), MinSamplesLeaf, "MinSamplesLeaf must be at least 1.");
        }

        if (!(SampleFraction > 0 && SampleFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(SampleFraction), SampleFraction, "SampleFraction must be in (0, 1].");
        }

        if (MaxBins is < 2 or > MaxBinsLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBins), MaxBins, "MaxBins must be between 2 and 255.");
        }

        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxDegreeOfParallelism),
                MaxDegreeOfParallelism,
                "MaxDegreeOfParallelism must be -1 (all cores) or at least 1.");
        }
    }
}
