namespace Sextant.Learners.Linear;

/// <summary>Options for <see cref="LogisticRegressionTrainer"/>: binary logistic regression fitted by Newton's method.</summary>
public sealed record LogisticRegressionOptions
{
    /// <summary>
    /// Gets the strength of the L2 penalty on the coefficients (never on the intercept). The objective is
    /// <c>sum(w * logloss) + L2 / 2 * |b|^2</c>, which is scikit-learn's <c>LogisticRegression(C = 1 / L2)</c>.
    /// Zero gives the unpenalised maximum-likelihood fit, which does not exist for perfectly separable data.
    /// </summary>
    /// <value>Default 1.0.</value>
    public double L2 { get; init; } = 1.0;

    /// <summary>Gets a value indicating whether an unpenalised intercept is fitted.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool FitIntercept { get; init; } = true;

    /// <summary>Gets the largest number of Newton iterations.</summary>
    /// <value>Default 100.</value>
    public int MaxIterations { get; init; } = 100;

    /// <summary>
    /// Gets the convergence tolerance: the fit stops when no parameter moves by more than
    /// <c>Tolerance * (1 + largest absolute parameter)</c> in a Newton step.
    /// </summary>
    /// <value>Default 1e-8.</value>
    public double Tolerance { get; init; } = 1e-8;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public void Validate()
    {
        if (!double.IsFinite(L2) || L2 < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(L2), L2, "L2 must be a finite number >= 0.");
        }

        if (MaxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "MaxIterations must be at least 1.");
        }

        if (!double.IsFinite(Tolerance) || Tolerance <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "Tolerance must be a finite number > 0.");
        }
    }
}
