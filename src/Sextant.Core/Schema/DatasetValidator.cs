using System.Globalization;
using Sextant.Data;
using Sextant.Projects;

namespace Sextant.Schema;

/// <summary>
/// Checks a whole table against the schema: every violation of a declared rule (type, missing, <c>min</c>/<c>max</c>,
/// <c>allowed</c>) with its row, column, value and rule as an error, and every value outside what was observed
/// (<see cref="ObservedLimits"/>) as a warning.
/// </summary>
public static class DatasetValidator
{
    /// <summary>Validates <paramref name="table"/>; the target too unless <paramref name="checkTarget"/> is false (scoring files).</summary>
    public static ValidationReport Validate(Table table, FeatureSchema schema, bool checkTarget = true)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(schema);
        var errors = new List<ValidationIssue>();
        var warnings = new List<ValidationIssue>();
        foreach (var feature in schema.Features)
        {
            if (!table.TryGetColumn(feature.Name, out var column))
            {
                errors.Add(new ValidationIssue(feature.Name, "absent_column", "the feature's column is not in the data."));
                continue;
            }

            var expected = feature.Type switch
            {
                FeatureKind.Numeric => ColumnType.Numeric,
                FeatureKind.Date => ColumnType.Date,
                _ => ColumnType.Text,
            };
            if (column.Type != expected && !(feature.Type == FeatureKind.Categorical && column.Type == ColumnType.Numeric))
            {
                errors.Add(new ValidationIssue(feature.Name, "type", $"the column is {column.Type.ToString().ToLowerInvariant()} but the feature is {feature.Type.ToString().ToLowerInvariant()}."));
                continue;
            }

            for (var r = 0; r < column.Length; r++)
            {
                if (column.IsMissing(r))
                {
                    if (!feature.Nullable)
                    {
                        errors.Add(new ValidationIssue(feature.Name, "missing", "missing value in a feature that is not nullable.", null, r + 1));
                    }

                    continue;
                }

                switch (column)
                {
                    case NumericColumn n when feature.Type == FeatureKind.Numeric:
                        if (RecordValidator.RangeProblem(feature, n[r]) is { } range)
                        {
                            errors.Add(new ValidationIssue(feature.Name, "range", range, n.FormatValue(r), r + 1));
                        }
                        else if (ObservedLimits.Numeric(feature, n[r]) is { } outside)
                        {
                            warnings.Add(new ValidationIssue(feature.Name, ObservedLimits.OutsideRange, outside.Message, n.FormatValue(r), r + 1));
                        }

                        break;
                    case TextColumn or NumericColumn when feature.Type == FeatureKind.Categorical:
                        var value = column.FormatValue(r)!;
                        if (RecordValidator.AllowedProblem(feature, value) is { } allowed)
                        {
                            errors.Add(new ValidationIssue(feature.Name, "allowed", allowed, value, r + 1));
                        }
                        else if (ObservedLimits.Category(feature, value) is { } unseen)
                        {
                            warnings.Add(new ValidationIssue(feature.Name, ObservedLimits.UnseenCategory, unseen, value, r + 1));
                        }

                        break;
                }
            }
        }

        if (checkTarget)
        {
            CheckTarget(table, schema, errors);
        }

        return new ValidationReport(table.RowCount, errors, warnings);
    }

    private static void CheckTarget(Table table, FeatureSchema schema, List<ValidationIssue> errors)
    {
        if (string.IsNullOrEmpty(schema.Target))
        {
            return;
        }

        if (!table.TryGetColumn(schema.Target, out var target))
        {
            errors.Add(new ValidationIssue(schema.Target, "absent_column", "the target column is not in the data."));
            return;
        }

        if (schema.Task == ProjectTask.Regression && target.Type != ColumnType.Numeric)
        {
            errors.Add(new ValidationIssue(schema.Target, "type", "a regression target must be numeric."));
            return;
        }

        for (var r = 0; r < target.Length; r++)
        {
            if (target.IsMissing(r))
            {
                errors.Add(new ValidationIssue(schema.Target, "missing", "missing target value; drop such rows with cleaning.drop_missing.", null, r + 1));
            }
        }

        if (schema.Task == ProjectTask.Classification)
        {
            var classes = Enumerable.Range(0, target.Length).Select(target.FormatValue).Where(v => v is not null).Distinct().Count();
            if (classes != 2)
            {
                errors.Add(new ValidationIssue(schema.Target, "type", string.Create(CultureInfo.InvariantCulture, $"classification needs exactly 2 classes in the target; found {classes}.")));
            }
        }
    }
}
