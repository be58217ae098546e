using Sextant.Projects;
using Sextant.Schema;

namespace Sextant.Reports.Eda;

/// <summary>What is analysed: the dataset identity (for the manifest and report id), its target and schema.</summary>
public sealed record EdaInput
{
    /// <summary>The dataset name.</summary>
    public required string Dataset { get; init; }

    /// <summary>The dataset version.</summary>
    public required int Version { get; init; }

    /// <summary>The dataset fingerprint (<see cref="Data.DatasetFingerprint"/>).</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The project schema (target, task, features) for target charts and the leakage guard; none for a plain table.</summary>
    public FeatureSchema? Schema { get; init; }
}
