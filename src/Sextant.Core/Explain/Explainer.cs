using System.Globalization;
using System.Text.Json;
using Sextant.Learners.GradientBoosting;
using Sextant.Learners.Linear;
using Sextant.Learners.RandomForest;
using Sextant.Models;
using Sextant.Schema;
using Sextant.Training;

namespace Sextant.Explain;

/// <summary>
/// Explains a served model's prediction for one record, whatever the learner: TreeSHAP for tree models, exact linear
/// Shapley values for linear ones. Records go through the same validation, derived features and preprocessing as
/// <see cref="Predictor.Predict(JsonElement)"/>, and the one-hot columns of a categorical feature are summed back into it (a level-code column is the feature's own).
/// </summary>
public static class Explainer
{
    /// <summary>Validates a JSON record; returns the report and, when it passed, the explanation.</summary>
    /// <exception cref="SextantException">The model cannot be explained (e.g. it was saved without what explanations need).</exception>
    public static (ValidationReport Report, Explanation? Explanation) Explain(Predictor predictor, JsonElement record)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        var (report, values) = RecordValidator.Validate(record, predictor.Schema);
        return report.Passed ? (report, Explain(predictor, values, report.Warnings.Select(w => $"{w.Feature}: {w.Message}"))) : (report, null);
    }

    /// <summary>Explains the prediction for a validated record.</summary>
    /// <exception cref="SextantException">The model cannot be explained (e.g. it was saved without what explanations need).</exception>
    public static Explanation Explain(Predictor predictor, FeatureRecord record, IEnumerable<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(record);
        var artifact = predictor.Artifact;
        var preprocessor = artifact.Preprocessor;
        var notes = warnings?.ToList() ?? [];
        var row = new double[preprocessor.Width];
        preprocessor.Transform(record, predictor.Schema, row);
        var columns = new double[row.Length];

        double baseValue;
        double raw;
        double prediction;
        string scale;
        if (artifact.GradientBoosting is { } boosting)
        {
            baseValue = TreeShap.Explain(boosting, row, columns);
            raw = boosting.PredictRaw(row);
            var logLoss = boosting.Loss == GradientBoostingLoss.LogLoss;
            prediction = logLoss ? LogisticFunction.Sigmoid(raw) : raw;
            scale = logLoss ? "log_odds" : "value";
        }
        else if (artifact.RandomForest is { } forest)
        {
            // A forest averages its trees, so its contributions are the trees' scaled by 1 / trees; no link function.
            baseValue = TreeShap.Explain(forest, row, columns);
            raw = forest.Predict(row);
            prediction = raw;
            scale = forest.Task == RandomForestTask.Classification ? "probability" : "value";
        }
        else if (artifact.Ridge is { } ridge)
        {
            baseValue = LinearShap.Explain(ridge, preprocessor.ColumnMeans(), row, columns);
            raw = ridge.Predict(row);
            prediction = raw;
            scale = "value";
        }
        else if (artifact.Logistic is { } logistic)
        {
            baseValue = LinearShap.Explain(logistic, preprocessor.ColumnMeans(), row, columns);
            raw = logistic.PredictLogOdds(row);
            prediction = LogisticFunction.Sigmoid(raw);
            scale = "log_odds";
        }
        else
        {
            throw new SextantException($"Model '{artifact.Name}' ({artifact.Learner}) cannot be explained.");
        }

        // Contributions explain the model's own score; the served probability is the calibrated one.
        if (artifact.Calibration is { } calibration)
        {
            prediction = calibration.Apply(prediction);
        }

        var contributions = BySourceFeature(preprocessor, predictor.Schema, record, columns);
        var sum = 0.0;
        foreach (var c in columns)
        {
            sum += c;
        }

        return new Explanation
        {
            BaseValue = baseValue,
            RawPrediction = raw,
            Prediction = prediction,
            Label = predictor.LabelOf(prediction),
            Scale = scale,
            Contributions = contributions,
            Check = baseValue + sum - raw,
            Warnings = notes,
        };
    }

    /// <summary>Maps model columns back to features: numeric inputs and level-code columns one to one, one-hot columns summed per categorical feature.</summary>
    private static FeatureContribution[] BySourceFeature(Preprocessor preprocessor, FeatureSchema schema, FeatureRecord record, ReadOnlySpan<double> columns)
    {
        var result = new List<FeatureContribution>(preprocessor.Numeric.Count + preprocessor.Categorical.Count);
        var offset = 0;
        foreach (var input in preprocessor.Numeric)
        {
            var index = IndexOf(schema, input.Name);
            var value = index >= 0
                ? record.Numbers[index]
                : DerivedFeatures.Compute(schema.Derived.First(d => d.Name == input.Name), record, schema);
            result.Add(new FeatureContribution(input.Name, double.IsNaN(value) ? null : value.ToString("R", CultureInfo.InvariantCulture), columns[offset++]));
        }

        foreach (var input in preprocessor.Categorical)
        {
            var sum = 0.0;
            var width = preprocessor.ColumnsOf(input);
            foreach (var c in columns.Slice(offset, width))
            {
                sum += c;
            }

            offset += width;
            result.Add(new FeatureContribution(input.Name, record.Texts[IndexOf(schema, input.Name)], sum));
        }

        return [.. result.OrderByDescending(c => Math.Abs(c.Contribution))];
    }

    private static int IndexOf(FeatureSchema schema, string name)
    {
        for (var i = 0; i < schema.Features.Count; i++)
        {
            if (schema.Features[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }
}
