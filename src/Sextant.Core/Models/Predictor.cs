using System.Text.Json;
using Sextant.Data;
using Sextant.Projects;
using Sextant.Schema;

namespace Sextant.Models;

/// <summary>Validates and scores records with a loaded <see cref="ModelArtifact"/>. Thread-safe and immutable.</summary>
public sealed class Predictor
{
    public Predictor(ModelArtifact artifact, int version, string? alias = null)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        Artifact = artifact;
        Version = version;
        Alias = alias;
        Model = artifact.Model;
        Schema = WithObservedCategories(artifact);
    }

    public ModelArtifact Artifact { get; }

    /// <summary>The learned model, scoring preprocessed rows.</summary>
    public Sextant.Learners.ITabularModel Model { get; }

    public int Version { get; }

    /// <summary>The alias it was loaded through (e.g. <c>prod</c>), if any.</summary>
    public string? Alias { get; }

    /// <summary>
    /// The model's schema. Each categorical feature's <see cref="FeatureDefinition.ObservedValues"/> are the levels the
    /// model was fitted on (artifacts trained before observed values were kept get them from their preprocessor), so an
    /// unseen category is warned of in one place, record validation.
    /// </summary>
    public FeatureSchema Schema { get; }

    /// <summary>Validates a JSON record; returns the report and, when it passed, the prediction.</summary>
    public (ValidationReport Report, Prediction? Prediction) Predict(JsonElement record)
    {
        var (report, values) = RecordValidator.Validate(record, Schema);
        return report.Passed ? (report, Predict(values, report.Warnings.Select(w => $"{w.Feature}: {w.Message}"))) : (report, null);
    }

    /// <summary>Scores a validated record.</summary>
    public Prediction Predict(FeatureRecord record, IEnumerable<string>? warnings = null)
    {
        var notes = warnings?.ToList() ?? [];
        Span<double> row = Artifact.Preprocessor.Width <= 256 ? stackalloc double[Artifact.Preprocessor.Width] : new double[Artifact.Preprocessor.Width];
        Artifact.Preprocessor.Transform(record, Schema, row);
        var value = Score(row);
        if (Artifact.Interval is not { } interval)
        {
            return new Prediction(value, LabelOf(value), notes);
        }

        var (lower, upper) = interval.Bounds(value, row);
        return new Prediction(value, LabelOf(value), notes, lower, upper);
    }

    /// <summary>Scores every row of a table that holds the feature columns.</summary>
    public double[] PredictTable(Table table) => PredictTableWithIntervals(table).Values;

    /// <summary>Scores every row of a table, with each row's interval bounds when the model has intervals.</summary>
    public (double[] Values, double[]? Lower, double[]? Upper) PredictTableWithIntervals(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var withDerived = DerivedFeatures.AddTo(table, Schema);
        var matrix = Artifact.Preprocessor.Transform(withDerived);
        var output = new double[table.RowCount];
        Model.ScoreBatch(matrix, table.RowCount, output);
        if (Artifact.Calibration is { } calibration)
        {
            for (var i = 0; i < output.Length; i++)
            {
                output[i] = calibration.Apply(output[i]);
            }
        }

        if (Artifact.Interval is not { } interval)
        {
            return (output, null, null);
        }

        var (lower, upper) = interval.Bounds(output, matrix);
        return (output, lower, upper);
    }

    /// <summary>The label of a positive-class probability.</summary>
    public string? LabelOf(double value) =>
        Schema.Task == ProjectTask.Classification && Artifact.ClassLabels is { Count: 2 } labels ? (value >= Artifact.DecisionThreshold ? labels[0] : labels[1]) : null;

    private static FeatureSchema WithObservedCategories(ModelArtifact artifact)
    {
        var categorical = artifact.Preprocessor.Categorical;
        if (artifact.Schema.Features.All(f => f.Type != FeatureKind.Categorical || f.ObservedValues is not null))
        {
            return artifact.Schema;
        }

        return artifact.Schema with
        {
            Features = [.. artifact.Schema.Features.Select(f => f.Type == FeatureKind.Categorical && f.ObservedValues is null && categorical.FirstOrDefault(c => c.Name == f.Name) is { } input
                ? f with { ObservedValues = input.Levels }
                : f)],
        };
    }

    // The model's score, through the probability calibration when the model has one.
    private double Score(ReadOnlySpan<double> row) => Artifact.Calibration is { } calibration ? calibration.Apply(Model.Score(row)) : Model.Score(row);
}
