namespace Sextant.Learners.Linear;

/// <summary>
/// Options for <see cref="ElasticNetTrainer"/>: least squares with an L1 and an L2 penalty, on scikit-learn's scale
/// (<c>ElasticNet(alpha, l1_ratio)</c>, <c>Lasso(alpha)</c> when <see cref="L1Ratio"/> is 1). The objective is
/// <c>sum(w * (y - intercept - x.b)^2) / (2 * sum(w)) + Alpha * L1Ratio * |b|_1 + Alpha * (1 - L1Ratio) / 2 * |b|^2</c>.
/// </summary>
public sealed record ElasticNetOptions
{
    /// <summary>Gets the overall strength of the penalty.</summary>
    /// <value>Default 1.0.</value>
    public double Alpha { get; init; } = 1.0;

    /// <summary>Gets the share of the penalty that is L1: 1 is the lasso, 0 is ridge.</summary>
    /// <value>Default 0.5.</value>
    public double L1Ratio { get; init; } = 0.5;

    /// <summary>Gets a value indicating whether an unpenalised intercept is fitted (features and target are centred).</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool FitIntercept { get; init; } = true;

    /// <summary>Gets the most passes over the coefficients.</summary>
    /// <value>Default 1000.</value>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>
    /// Gets the stopping tolerance: the duality gap, relative to <c>sum(w * y^2) / sum(w)</c> of the centred target, as
    /// scikit-learn checks it once the largest coefficient step is below this fraction of the largest coefficient.
    /// </summary>
    /// <value>Default 1e-4.</value>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public void Validate()
    {
        if (!double.IsFinite(Alpha) || Alpha < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "Alpha must be a finite number >= 0.");
        }

        if (!(L1Ratio >= 0 && L1Ratio <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(L1Ratio), L1Ratio, "L1Ratio must be in [0, 1] (1 is the lasso).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIterations, 1);
        if (!(Tolerance > 0 && double.IsFinite(Tolerance)))
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "Tolerance must be a finite number > 0.");
        }
    }
}
