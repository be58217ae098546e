using Sextant.Models;
using Sextant.Schema;
using Sextant.Registry;
using Sextant.Storage;

namespace Sextant.Training;

/// <summary>The outcome of a training run: the registered version, its artifact and the validation of the data.</summary>
public sealed record TrainResult(ModelVersionInfo Version, ModelArtifact Artifact, ValidationReport Validation, string PrimaryMetric)
{
    /// <summary>The tracked run that produced the version.</summary>
    public Tracking.RunInfo? Run { get; init; }
}
