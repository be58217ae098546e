using System.Text.Json;
using System.Text.Json.Nodes;
using Sextant.Models;
using Sextant.Schema;

namespace Sextant.Server.Compatibility;

/// <summary>
/// Records arriving in another tool's shape (MLflow, Open Inference Protocol), turned into the flat JSON records
/// Sextant validates, and scored with the same validation and model as <c>/predict/batch</c>.
/// </summary>
internal static class ScoringBatch
{
    /// <summary>Records from columns of equal length (name -> values).</summary>
    public static List<JsonObject> FromColumns(IReadOnlyList<(string Name, IReadOnlyList<JsonNode?> Values)> columns)
    {
        var rows = columns.Count == 0 ? 0 : columns.Max(c => c.Values.Count);
        if (columns.Any(c => c.Values.Count != rows))
        {
            throw new SextantException($"Every column must have the same number of values; got {string.Join(", ", columns.Select(c => $"{c.Name}: {c.Values.Count}"))}.");
        }

        var records = new List<JsonObject>(rows);
        for (var r = 0; r < rows; r++)
        {
            var record = new JsonObject();
            foreach (var (name, values) in columns)
            {
                record[name] = values[r]?.DeepClone();
            }

            records.Add(record);
        }

        return records;
    }

    /// <summary>A CSV cell as the JSON value the schema expects: a number for numeric features when it parses, else text; empty is null.</summary>
    public static JsonNode? Cell(FeatureSchema schema, string column, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return schema.Find(column)?.Type == FeatureKind.Numeric && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? JsonValue.Create(number)
            : JsonValue.Create(text);
    }

    /// <summary>Validates and scores every record; all problems (with the record's index) or all predictions.</summary>
    public static (List<Prediction>? Predictions, List<ValidationProblem> Problems) Score(Predictor predictor, IReadOnlyList<JsonNode?> records)
    {
        var predictions = new List<Prediction>(records.Count);
        var problems = new List<ValidationProblem>();
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i] is not JsonObject)
            {
                problems.Add(new ValidationProblem("(record)", "type", "Each record must be a JSON object of features.", records[i]?.ToJsonString(), i));
                continue;
            }

            var element = JsonSerializer.SerializeToElement(records[i]);
            var (report, prediction) = predictor.Predict(element);
            problems.AddRange(report.Errors.Select(e => ValidationProblem.From(e, i)));
            if (prediction is not null)
            {
                predictions.Add(prediction);
            }
        }

        return (problems.Count == 0 ? predictions : null, problems);
    }
}
