namespace Sextant.Projects;

/// <summary>How data is split into training and held-out test rows.</summary>
public sealed record SplitConfig
{
    /// <summary>Fraction of rows held out. <value>Default 0.2.</value></summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>Seed of the random split. <value>Default 42.</value></summary>
    public int Seed { get; init; } = 42;

    /// <summary>
    /// An explicit hold-out: a labelled CSV (relative to the project folder), read like the data source, whose rows
    /// are the test rows; every stored row then trains. <c>test_fraction</c> is not used.
    /// </summary>
    public string? TestFile { get; init; }

    /// <summary>When set, the split is time-ordered: the latest rows by this column are the test rows.</summary>
    public string? TimeColumn { get; init; }

    /// <summary>
    /// Classification: whether the random splits (test rows, and the validation and calibration rows carved from the
    /// training rows) keep the class ratio. Not used by a time-ordered split.
    /// <value>Default true for classification.</value>
    /// </summary>
    public bool? Stratify { get; init; }

    /// <summary>Whether random splits of a project with this task are stratified by class.</summary>
    public bool StratifiesFor(ProjectTask task) => task == ProjectTask.Classification && TimeColumn is null && (Stratify ?? true);
}
