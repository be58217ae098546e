namespace Sextant.Schema;

/// <summary>One input feature and its contract: the same definition drives training, validation and the HTTP contract.</summary>
public sealed record FeatureDefinition
{
    public required string Name { get; init; }

    public required FeatureKind Kind { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    /// <summary>Allowed values of a categorical feature; any when <see langword="null"/>.</summary>
    public IReadOnlyList<string>? Allowed { get; init; }

    /// <summary>The field must be present in a prediction request. <value>Default true.</value></summary>
    public bool Required { get; init; } = true;

    /// <summary>The value may be missing (then imputed). <value>Default false.</value></summary>
    public bool Nullable { get; init; }

    public string? Description { get; init; }
}
