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

    /// <summary>Declared lower limit (hard): a smaller value is an error at ingest and a 400 at serving.</summary>
    public double? Min { get; init; }

    /// <summary>Declared upper limit (hard): a larger value is an error at ingest and a 400 at serving.</summary>
    public double? Max { get; init; }

    /// <summary>Declared allowed values of a categorical feature (hard); any when <see langword="null"/>.</summary>
    public IReadOnlyList<string>? Allowed { get; init; }

    /// <summary>
    /// The smallest value seen (soft): written by <c>sextant init</c> from its file, and set in a model's schema from
    /// its training rows. A smaller value is scored, with a warning saying by how much it is outside.
    /// </summary>
    public double? ObservedMin { get; init; }

    /// <summary>The largest value seen (soft); see <see cref="ObservedMin"/>.</summary>
    public double? ObservedMax { get; init; }

    /// <summary>
    /// The categories seen (soft): an unseen one is scored as the model scores an unknown category (no one-hot column,
    /// or the missing-value branch of native categorical splits), with a warning.
    /// </summary>
    public IReadOnlyList<string>? ObservedValues { get; init; }

    /// <summary>The field must be present in a prediction request. <value>Default true.</value></summary>
    public bool Required { get; init; } = true;

    /// <summary>The value may be missing (then imputed). <value>Default false.</value></summary>
    public bool Nullable { get; init; }

    public string? Description { get; init; }
}
