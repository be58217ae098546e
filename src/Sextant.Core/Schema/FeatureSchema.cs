using Sextant.Projects;

namespace Sextant.Schema;

/// <summary>
/// The single feature schema of a project: features with their contracts, derived features, the target and task.
/// Built from <c>sextant.yaml</c>, stored inside every model as its signature, and served as the HTTP contract.
/// </summary>
public sealed record FeatureSchema
{
    public required ProjectTask Task { get; init; }

    public required string Target { get; init; }

    /// <summary>For classification: the positive label.</summary>
    public string? PositiveClass { get; init; }

    public required IReadOnlyList<FeatureDefinition> Features { get; init; }

    public IReadOnlyList<DerivedFeature> Derived { get; init; } = [];

    /// <summary>Formats tried for date features.</summary>
    public IReadOnlyList<string> DateFormats { get; init; } = [];

    /// <summary>The feature of a name, or <see langword="null"/>.</summary>
    public FeatureDefinition? Find(string name) => Features.FirstOrDefault(f => f.Name == name);

    /// <summary>Builds the schema from a project configuration.</summary>
    public static FeatureSchema FromConfig(ProjectConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new FeatureSchema
        {
            Task = config.Task,
            Target = config.Target,
            PositiveClass = config.PositiveClass,
            DateFormats = config.Data.DateFormats.Count > 0 ? config.Data.DateFormats : Data.Ingest.CsvReadOptions.DefaultDateFormats,
            Features = config.Features,
            Derived = config.Derived,
        };
    }
}
