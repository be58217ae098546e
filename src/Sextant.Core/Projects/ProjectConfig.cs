using Sextant.Pipelines;
using Sextant.Schema;

namespace Sextant.Projects;

/// <summary>The contents of a project's <c>sextant.yaml</c>.</summary>
public sealed record ProjectConfig
{
    /// <summary>The project (and registered model) name.</summary>
    public string Name { get; init; } = "";

    /// <summary>What is learned.</summary>
    public ProjectTask Task { get; init; } = ProjectTask.Regression;

    public DataSourceConfig Data { get; init; } = new();

    public CleaningConfig Cleaning { get; init; } = new();

    /// <summary>The column to predict.</summary>
    public string Target { get; init; } = "";

    /// <summary>For classification: the label counted as positive. <value>Default: inferred (Yes, 1, true, or the minority class).</value></summary>
    public string? PositiveClass { get; init; }

    public IReadOnlyList<FeatureDefinition> Features { get; init; } = [];

    public IReadOnlyList<DerivedFeature> Derived { get; init; } = [];

    public SplitConfig Split { get; init; } = new();

    public TrainingConfig Training { get; init; } = new();

    public ServingConfig Serving { get; init; } = new();

    /// <summary>The gate for moving an alias such as <c>prod</c> to a new version.</summary>
    public PromotionConfig Promotion { get; init; } = new();

    /// <summary>Drift monitoring, alerts and retraining of the served model.</summary>
    public MonitoringConfig Monitoring { get; init; } = new();

    /// <summary>The project's time series, forecast and served as registered versions; null when the project has none.</summary>
    public ForecastConfig? Forecast { get; init; }

    /// <summary>
    /// Where runs and the registry live: <c>sqlite:///path/sextant.db</c> or <c>postgres://user:password@host:5432/db</c>.
    /// <value>Default: the project's <c>.sextant/sextant.db</c>. The <c>SEXTANT_STORE</c> environment variable wins.</value>
    /// </summary>
    public string? Store { get; init; }

    /// <summary>
    /// Where model artifacts live: <c>s3://bucket/prefix</c> (S3 or an S3-compatible server: <c>?endpoint=</c> or
    /// <c>AWS_ENDPOINT_URL</c>, credentials from the AWS environment), or a folder.
    /// <value>Default: the project's <c>.sextant/artifacts</c>. The <c>SEXTANT_ARTIFACTS</c> environment variable wins.</value>
    /// </summary>
    public string? Artifacts { get; init; }

    /// <summary>The stages of <c>sextant pipeline run</c>. <value>Default: none.</value></summary>
    public PipelineConfig Pipeline { get; init; } = new();
}
