namespace Sextant.Learners.Linear;

/// <summary>Options for <see cref="RidgeTrainer"/>: least squares with an optional L2 penalty on the coefficients.</summary>
public sealed record RidgeOptions
{
    /// <summary>
    /// Gets the strength of the L2 penalty on the coefficients (never on the intercept). The objective is
    /// <c>sum(w * (y - intercept - x.b)^2) + L2 * |b|^2</c>, the same scale as scikit-learn's <c>Ridge(alpha)</c>.
    /// Zero gives ordinary least squares, solved so that rank-deficient features still give the minimum-norm solution.
    /// </summary>
    /// <value>Default 1.0.</value>
    public double L2 { get; init; } = 1.0;

    /// <summary>Gets a value indicating whether an unpenalised intercept is fitted (features and target are centred).</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool FitIntercept { get; init; } = true;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="L2"/> is negative, NaN or infinite.</exception>
    public void Validate()
    {
        if (!double.IsFinite(L2) || L2 < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(L2), L2, "L2 must be a finite number >= 0 (0 means ordinary least squares).");
        }
    }
}
