namespace Sextant.Learners.GradientBoosting;

/// <summary>
/// Early stopping for <see cref="GradientBoostingTrainer"/>: a seeded random fraction of the rows is held out, the
/// loss on it is measured after every round, and boosting stops when it has not improved for
/// <see cref="Patience"/> rounds. The model keeps the rounds up to the best one.
/// </summary>
public sealed record GradientBoostingEarlyStopping
{
    /// <summary>
    /// Gets the fraction of rows held out for validation (chosen at random with <see cref="GradientBoostingOptions.Seed"/>).
    /// When it rounds down to no rows, boosting runs every round on all rows.
    /// </summary>
    /// <value>Default 0.1.</value>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Gets the number of rounds without improvement after which boosting stops (scikit-learn's <c>n_iter_no_change</c>).</summary>
    /// <value>Default 50.</value>
    public int Patience { get; init; } = 50;

    /// <summary>
    /// Gets the smallest decrease of the validation loss, below the best so far, that counts as an improvement.
    /// </summary>
    /// <value>Default 1e-7.</value>
    public double Tolerance { get; init; } = 1e-7;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public void Validate()
    {
        if (!(ValidationFraction > 0 && ValidationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(ValidationFraction),
                ValidationFraction,
                "EarlyStopping.ValidationFraction must be strictly between 0 and 1 (set EarlyStopping to null to disable early stopping).");
        }

        if (Patience < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Patience), Patience, "EarlyStopping.Patience must be at least 1.");
        }

        if (!double.IsFinite(Tolerance) || Tolerance < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "EarlyStopping.Tolerance must be a finite number >= 0.");
        }
    }
}
