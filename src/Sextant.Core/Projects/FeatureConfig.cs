namespace Sextant.Projects;

/// <summary>One input feature of the model and its contract.</summary>
public sealed record FeatureConfig
{
    public string Name { get; init; } = "";

    /// <summary><c>numeric</c>, <c>categorical</c> or <c>date</c>. <value>Default numeric.</value></summary>
    public string Type { get; init; } = "numeric";

    public double? Min { get; init; }

    public double? Max { get; init; }

    /// <summary>Allowed values of a categorical feature; any value when absent.</summary>
    public IReadOnlyList<string>? Allowed { get; init; }

    /// <summary>Whether a prediction request must contain the field. <value>Default true.</value></summary>
    public bool Required { get; init; } = true;

    /// <summary>Whether the value may be missing (it is then imputed). <value>Default false.</value></summary>
    public bool Nullable { get; init; }

    public string? Description { get; init; }
}
