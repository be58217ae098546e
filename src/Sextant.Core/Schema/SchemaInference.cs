using System.Globalization;
using Sextant.Data;
using Sextant.Data.Ingest;
using Sextant.Projects;

namespace Sextant.Schema;

/// <summary>
/// Proposes a <c>sextant.yaml</c> for a CSV file: column types, the observed range of numeric columns and the observed
/// values of low-cardinality text (soft limits: <c>observed_min</c>, <c>observed_max</c>, <c>observed_values</c>; never
/// hard <c>min</c>/<c>max</c>/<c>allowed</c>, which refuse rows and are the user's to declare), date formats, the task
/// from the target, and identifier-like columns to drop. The user reviews it.
/// </summary>
public static class SchemaInference
{
    /// <summary>Date formats tried when a text column looks like dates.</summary>
    public static readonly IReadOnlyList<string> CandidateDateFormats =
        ["yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "M/d/yyyy H:mm", "M/d/yyyy", "d.M.yyyy", "yyyy/MM/dd", "M/d/yyyy H:mm:ss"];

    /// <summary>Text columns with at most this many distinct values are categorical. <value>50.</value></summary>
    public const int MaxCategories = 50;

    public static async Task<ProjectConfig> InferAsync(string csvPath, string target, string dataPathInProject, string name, CancellationToken cancellationToken = default)
    {
        var read = await CsvTableReader.ReadAsync(csvPath, new CsvReadOptions(), cancellationToken).ConfigureAwait(false);
        var table = read.Table;
        if (!table.Contains(target))
        {
            throw new SextantException($"--target '{target}' is not a column of {csvPath}. Columns: {string.Join(", ", table.ColumnNames)}.");
        }

        var dateFormats = new List<string>();
        var features = new List<FeatureDefinition>();
        var derived = new List<DerivedFeature>();
        var drop = new List<string>();
        var forced = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in table.Columns.Where(c => c.Name != target))
        {
            switch (column)
            {
                case NumericColumn numeric:
                    var present = numeric.Values.ToArray().Where(v => !double.IsNaN(v)).ToArray();
                    features.Add(new FeatureDefinition
                    {
                        Name = column.Name,
                        Type = FeatureKind.Numeric,
                        ObservedMin = present.Length > 0 ? present.Min() : null,
                        ObservedMax = present.Length > 0 ? present.Max() : null,
                        Nullable = present.Length < numeric.Length,
                    });
                    break;

                case TextColumn text:
                    var format = DateFormatOf(text);
                    var distinct = text.Distinct();
                    if (format is not null)
                    {
                        if (!dateFormats.Contains(format))
                        {
                            dateFormats.Add(format);
                        }

                        forced[column.Name] = "date";
                        features.Add(new FeatureDefinition { Name = column.Name, Type = FeatureKind.Date, Nullable = text.MissingCount > 0 });
                        derived.Add(new DerivedFeature { Name = $"{column.Name}_year", Kind = "date_part", Inputs = [column.Name], Part = "year" });
                        derived.Add(new DerivedFeature { Name = $"{column.Name}_month", Kind = "date_part", Inputs = [column.Name], Part = "month" });
                    }
                    else if (distinct.Count <= MaxCategories && distinct.Count < Math.Max(2, text.Length / 2))
                    {
                        features.Add(new FeatureDefinition { Name = column.Name, Type = FeatureKind.Categorical, ObservedValues = distinct, Nullable = text.MissingCount > 0 });
                    }
                    else
                    {
                        // Identifiers and free text carry no general signal for a first model.
                        drop.Add(column.Name);
                    }

                    break;

                case DateColumn date:
                    features.Add(new FeatureDefinition { Name = column.Name, Type = FeatureKind.Date, Nullable = date.MissingCount > 0 });
                    derived.Add(new DerivedFeature { Name = $"{column.Name}_year", Kind = "date_part", Inputs = [column.Name], Part = "year" });
                    derived.Add(new DerivedFeature { Name = $"{column.Name}_month", Kind = "date_part", Inputs = [column.Name], Part = "month" });
                    break;
            }
        }

        var targetColumn = table[target];
        var targetDistinct = Enumerable.Range(0, targetColumn.Length).Select(targetColumn.FormatValue).OfType<string>().Distinct().Count();
        var task = targetColumn is NumericColumn && targetDistinct > 10 ? ProjectTask.Regression : ProjectTask.Classification;
        return new ProjectConfig
        {
            Name = name,
            Task = task,
            Data = new DataSourceConfig
            {
                Path = dataPathInProject,
                Encoding = "auto",
                DateFormats = dateFormats,
                NullTokens = [""],
                Columns = forced,
            },
            Cleaning = new CleaningConfig
            {
                DropColumns = drop,
                DropMissing = targetColumn.MissingCount > 0 ? [target] : [],
            },
            Target = target,
            Features = features,
            Derived = derived,
            Training = new TrainingConfig { PrimaryMetric = task == ProjectTask.Classification ? "roc_auc" : "rmse" },
        };
    }

    private static string? DateFormatOf(TextColumn column)
    {
        var values = column.Values.ToArray().OfType<string>().ToArray();
        if (values.Length == 0)
        {
            return null;
        }

        return CandidateDateFormats.FirstOrDefault(format =>
            values.All(v => DateTime.TryParseExact(v, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)));
    }
}
