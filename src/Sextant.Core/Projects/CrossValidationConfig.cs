namespace Sextant.Projects;

/// <summary>
/// Cross-validation of the candidates on the training rows: k folds (stratified for classification), or
/// expanding-window time folds when <see cref="SplitConfig.TimeColumn"/> is set. The test rows stay untouched.
/// </summary>
public sealed record CrossValidationConfig
{
    /// <summary>The number of folds, at least 2. <value>Default 5.</value></summary>
    public int Folds { get; init; } = 5;
}
