namespace Sextant.Projects;

/// <summary>
/// A feature computed from declared features, the same way at training and at prediction.
/// Kinds: <c>date_part</c> (part: year, quarter, month, day, day_of_week, day_of_year, hour),
/// <c>ratio</c>, <c>product</c>, <c>difference</c>, <c>sum</c> (two inputs), <c>log</c> (log(1+x), one input).
/// </summary>
public sealed record DerivedFeatureConfig
{
    public string Name { get; init; } = "";

    public string Kind { get; init; } = "";

    /// <summary>The source features.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>For <c>date_part</c>: which part.</summary>
    public string? Part { get; init; }
}
