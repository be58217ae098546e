namespace Sextant.Schema;

/// <summary>
/// One input feature and its contract, as written in <c>sextant.yaml</c> under <c>features</c>. The same definition
/// drives ingest types, training, validation, the model signature and the HTTP contract.
/// </summary>
public sealed record FeatureDefinition
{
    public string Name { get; init; } = "";

    /// <summary><c>numeric</c>, <c>categorical</c> or <c>date</c>. <value>Default numeric.</value></summary>
    public FeatureKind Type { get; init; } = FeatureKind.Numeric;

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
