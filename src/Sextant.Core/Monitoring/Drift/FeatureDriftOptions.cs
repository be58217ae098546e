namespace Sextant.Monitoring.Drift;

/// <summary>The method and threshold of one feature, overriding the automatic choice (a <c>monitoring.features</c> entry).</summary>
public sealed record FeatureDriftOptions
{
    /// <summary>Gets the method by name (see <see cref="DriftMethods.Known"/>), or <see langword="null"/> for the automatic choice.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public string? Method { get; init; }

    /// <summary>
    /// Gets the threshold: the p-value below which a test flags drift, or the score at or above which a distance does;
    /// <see langword="null"/> for the method's default.
    /// </summary>
    /// <value>Default <see langword="null"/>.</value>
    public double? Threshold { get; init; }
}
