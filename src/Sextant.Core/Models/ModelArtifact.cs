using System.Text.Json;
using System.Text.Json.Serialization;
using Sextant.Storage;
using Sextant.Learners;
using Sextant.Learners.GradientBoosting;
using Sextant.Learners.Linear;
using Sextant.Learners.RandomForest;
using Sextant.Projects;
using Sextant.Schema;
using Sextant.Training;

namespace Sextant.Models;

/// <summary>
/// Everything needed to serve a model, in one versioned document: the schema (its signature), the fitted preprocessing,
/// the learned model, its test metrics and its lineage.
/// </summary>
public sealed record ModelArtifact
{
    /// <summary>The format tag of every artifact.</summary>
    public const string FormatName = "sextant-model";

    /// <summary>The format version this code writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    public string Format { get; init; } = FormatName;

    /// <summary>The stored bytes of an artifact: compact JSON, gzip-compressed (<see cref="SextantJson.SerializeCompressed{T}"/>).</summary>
    public static byte[] Serialize(ModelArtifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        return SextantJson.SerializeCompressed(artifact);
    }

    /// <summary>Reads stored bytes: gzip-compressed JSON, or plain JSON as artifacts were first written.</summary>
    /// <exception cref="JsonException">The bytes are not an artifact document.</exception>
    public static ModelArtifact? Deserialize(byte[] bytes) => SextantJson.DeserializeMaybeCompressed<ModelArtifact>(bytes);

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public required string Name { get; init; }

    public required FeatureSchema Schema { get; init; }

    public required Preprocessor Preprocessor { get; init; }

    /// <summary><c>ridge</c>, <c>logistic</c>, <c>gbm</c> or <c>random_forest</c>.</summary>
    public required string Learner { get; init; }

    public required string Candidate { get; init; }

    public RidgeModel? Ridge { get; init; }

    /// <summary>Classification: the probability at or above which the first class label is predicted.</summary>
    public double DecisionThreshold { get; init; } = 0.5;

    /// <summary>Classification: the calibration applied to the model's probabilities (null: none).</summary>
    public Evaluation.ProbabilityCalibrator? Calibration { get; init; }

    /// <summary>Permutation importance of each source feature on the test split, in the primary metric (most important first).</summary>
    public IReadOnlyList<Evaluation.FeatureImportance> Importance { get; init; } = [];

    public LogisticRegressionModel? Logistic { get; init; }

    public GradientBoostingModel? GradientBoosting { get; init; }

    public RandomForestModel? RandomForest { get; init; }

    /// <summary>The learned model, whichever learner made it.</summary>
    [JsonIgnore]
    public ITabularModel Model =>
        (ITabularModel?)Ridge ?? (ITabularModel?)Logistic ?? (GradientBoosting is { } boosting ? new GradientBoostingScorer(boosting) : null) ?? (ITabularModel?)RandomForest
        ?? throw new SextantException($"Model '{Name}' has no usable learner ({Learner}).");

    /// <summary>Classification: the labels for 1 and 0.</summary>
    public IReadOnlyList<string>? ClassLabels { get; init; }

    /// <summary>Metrics on the held-out test rows.</summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    public IReadOnlyList<LeaderboardEntry> Leaderboard { get; init; } = [];

    /// <summary>Regression: the calibrated prediction interval, when enabled.</summary>
    public PredictionInterval? Interval { get; init; }

    public required string DatasetFingerprint { get; init; }

    public required int DatasetVersion { get; init; }

    public required int TrainRows { get; init; }

    public required int TestRows { get; init; }

    public required DateTimeOffset TrainedAt { get; init; }

    /// <summary>Whether the training data passed validation (false only with --allow-invalid).</summary>
    public bool ValidationPassed { get; init; } = true;

    public ProjectTask Task => Schema.Task;
}
