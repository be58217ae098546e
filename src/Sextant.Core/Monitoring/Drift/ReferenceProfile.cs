namespace Sextant.Monitoring.Drift;

/// <summary>
/// What drift is measured against: per feature quantile bins and counts, moments, missing share, category frequencies
/// and a bounded raw sample, computed from a model version's training rows; the same for its predictions and target.
/// Serialisable with <see cref="Storage.SextantJson"/>.
/// </summary>
public sealed record ReferenceProfile
{
    /// <summary>The layout version of this document.</summary>
    public const int CurrentFormat = 1;

    /// <summary>The layout version; readers refuse versions they do not know.</summary>
    public int Format { get; init; } = CurrentFormat;

    /// <summary>The training rows the profile was asked to describe.</summary>
    public required long SourceRows { get; init; }

    /// <summary>The rows actually profiled (all of them up to <see cref="ReferenceProfileOptions.MaxRows"/>).</summary>
    public required long Rows { get; init; }

    /// <summary>Which rows were profiled, in words (e.g. <c>training rows of v3 (dataset v2)</c>); <see langword="null"/> when not said.</summary>
    public string? Source { get; init; }

    /// <summary>The seed of the row and value samples.</summary>
    public required int Seed { get; init; }

    /// <summary>The input features, in input order.</summary>
    public required IReadOnlyList<FeatureProfile> Features { get; init; }

    /// <summary>The model's predictions on the profiled rows, if given.</summary>
    public FeatureProfile? Prediction { get; init; }

    /// <summary>The target on the profiled rows, if given.</summary>
    public FeatureProfile? Target { get; init; }

    /// <summary>The feature of a name, or <see langword="null"/>.</summary>
    public FeatureProfile? Find(string name) => Features.FirstOrDefault(f => f.Name == name);
}
