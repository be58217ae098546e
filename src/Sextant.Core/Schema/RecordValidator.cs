using System.Globalization;
using System.Text.Json;

namespace Sextant.Schema;

/// <summary>Checks one inference record (a flat JSON object) against the schema and lists every problem at once.</summary>
public static class RecordValidator
{
    /// <summary>Validates and parses <paramref name="record"/>; the record is usable only when the report passed.</summary>
    public static (ValidationReport Report, FeatureRecord Values) Validate(JsonElement record, FeatureSchema schema, int? row = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var errors = new List<ValidationIssue>();
        var warnings = new List<ValidationIssue>();
        var values = new FeatureRecord(schema.Features.Count);
        if (record.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ValidationIssue("$", "type", $"expected a JSON object of feature values; received {Describe(record.ValueKind)}.", Short(record), row));
            return (new ValidationReport(1, errors, warnings), values);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in record.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                errors.Add(new ValidationIssue(property.Name, "type", "the field appears twice in the record.", null, row));
                continue;
            }

            var index = IndexOf(schema, property.Name);
            if (index < 0)
            {
                if (property.Name != schema.Target)
                {
                    warnings.Add(new ValidationIssue(property.Name, "unknown_field", "not a feature of the model; ignored.", Short(property.Value), row));
                }

                continue;
            }

            Check(schema.Features[index], index, property.Value, schema, values, errors, warnings, row);
        }

        for (var i = 0; i < schema.Features.Count; i++)
        {
            var feature = schema.Features[i];
            if (!seen.Contains(feature.Name) && feature.Required)
            {
                errors.Add(new ValidationIssue(feature.Name, "missing", $"required {Kind(feature)} feature is missing.", null, row));
            }
        }

        return (new ValidationReport(1, errors, warnings), values);
    }

    private static void Check(FeatureDefinition feature, int index, JsonElement value, FeatureSchema schema, FeatureRecord values, List<ValidationIssue> errors, List<ValidationIssue> warnings, int? row)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!feature.Nullable)
            {
                errors.Add(new ValidationIssue(feature.Name, "missing", $"must not be null: the {Kind(feature)} feature is not nullable.", "null", row));
            }

            return;
        }

        switch (feature.Type)
        {
            case FeatureKind.Numeric:
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
                {
                    errors.Add(new ValidationIssue(feature.Name, "type", $"expected a number; received {Describe(value.ValueKind)}.", Short(value), row));
                    return;
                }

                values.Numbers[index] = number;
                if (RangeProblem(feature, number) is { } rangeMessage)
                {
                    errors.Add(new ValidationIssue(feature.Name, "range", rangeMessage, Short(value), row));
                }
                else if (ObservedLimits.Numeric(feature, number) is { } outside)
                {
                    warnings.Add(new ValidationIssue(feature.Name, ObservedLimits.OutsideRange, outside.Message, Short(value), row));
                }

                break;

            case FeatureKind.Categorical:
                if (value.ValueKind != JsonValueKind.String)
                {
                    errors.Add(new ValidationIssue(feature.Name, "type", $"expected a string; received {Describe(value.ValueKind)}.", Short(value), row));
                    return;
                }

                var text = value.GetString()!;
                values.Texts[index] = text;
                if (AllowedProblem(feature, text) is { } allowedMessage)
                {
                    errors.Add(new ValidationIssue(feature.Name, "allowed", allowedMessage, text, row));
                }
                else if (ObservedLimits.Category(feature, text) is { } unseen)
                {
                    warnings.Add(new ValidationIssue(feature.Name, ObservedLimits.UnseenCategory, unseen, text, row));
                }

                break;

            case FeatureKind.Date:
                if (value.ValueKind != JsonValueKind.String
                    || !DateTime.TryParseExact(value.GetString(), [.. schema.DateFormats, .. Data.Ingest.CsvReadOptions.DefaultDateFormats], CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date))
                {
                    errors.Add(new ValidationIssue(feature.Name, "type", $"expected a date string in one of the formats [{string.Join(", ", schema.DateFormats)}].", Short(value), row));
                    return;
                }

                values.Dates[index] = date;
                break;
        }
    }

    /// <summary>The declared-range problem of a numeric value, or <see langword="null"/>.</summary>
    internal static string? RangeProblem(FeatureDefinition feature, double value)
    {
        if (feature.Min is { } min && value < min)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{value} is below the minimum {min}.");
        }

        if (feature.Max is { } max && value > max)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{value} is above the maximum {max}.");
        }

        return null;
    }

    /// <summary>The declared allowed-set problem of a categorical value, or <see langword="null"/>.</summary>
    internal static string? AllowedProblem(FeatureDefinition feature, string value)
    {
        if (feature.Allowed is null || feature.Allowed.Contains(value, StringComparer.Ordinal))
        {
            return null;
        }

        var list = feature.Allowed.Count <= 25 ? string.Join(", ", feature.Allowed.Select(a => $"'{a}'")) : $"{feature.Allowed.Count} values";
        return $"'{value}' is not an allowed value. Allowed: {list}.";
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

    private static string Kind(FeatureDefinition feature) => feature.Type.ToString().ToLowerInvariant();

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Short(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        return text.Length <= 80 ? text : text[..80] + "...";
    }
}
