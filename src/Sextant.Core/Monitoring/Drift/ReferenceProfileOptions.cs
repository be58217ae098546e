namespace Sextant.Monitoring.Drift;

/// <summary>Options for <see cref="ReferenceProfiler"/>.</summary>
public sealed record ReferenceProfileOptions
{
    /// <summary>The largest <see cref="DiscreteLimit"/>.</summary>
    public const int MaxDiscreteLimit = 1000;

    /// <summary>Gets the most rows profiled; more are sampled down to it without replacement, one draw for all columns.</summary>
    /// <value>Default 100,000.</value>
    public int MaxRows { get; init; } = 100_000;

    /// <summary>Gets the most values kept per numeric column as the raw sample for KS and Wasserstein.</summary>
    /// <value>Default 5,000.</value>
    public int SampleSize { get; init; } = 5_000;

    /// <summary>Gets the number of quantile bins per numeric column (fewer when quantiles coincide).</summary>
    /// <value>Default 10.</value>
    public int Bins { get; init; } = 10;

    /// <summary>Gets the most distinct values for which a numeric column is also binned by value.</summary>
    /// <value>Default 20 (Evidently's limit for binning by value).</value>
    public int DiscreteLimit { get; init; } = 20;

    /// <summary>Gets the seed of the row and value samples.</summary>
    /// <value>Default 0.</value>
    public int Seed { get; init; }

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public void Validate()
    {
        if (MaxRows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRows), MaxRows, "MaxRows must be at least 1.");
        }

        if (SampleSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SampleSize), SampleSize, "SampleSize must be at least 1.");
        }

        if (Bins is < 2 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(Bins), Bins, "Bins must be between 2 and 1000.");
        }

        if (DiscreteLimit is < 0 or > MaxDiscreteLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(DiscreteLimit), DiscreteLimit, $"DiscreteLimit must be between 0 and {MaxDiscreteLimit}.");
        }
    }
}
