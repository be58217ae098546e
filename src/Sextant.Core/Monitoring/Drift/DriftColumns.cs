using Sextant.Data;
using Sextant.Projects;
using Sextant.Schema;

namespace Sextant.Monitoring.Drift;

/// <summary>Adapts a <see cref="Table"/> described by a <see cref="FeatureSchema"/> to drift columns.</summary>
public static class DriftColumns
{
    /// <summary>
    /// The schema's numeric and categorical features present in the table, in schema order. Date features are left
    /// out (their drift is a matter of time, not of distribution). A categorical feature stored as numbers becomes its
    /// invariant text.
    /// </summary>
    /// <exception cref="ArgumentException">A numeric feature is not stored as numbers.</exception>
    public static IReadOnlyList<DriftColumn> Features(Table table, FeatureSchema schema)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(schema);
        var columns = new List<DriftColumn>();
        foreach (var feature in schema.Features)
        {
            if (feature.Type == FeatureKind.Date || !table.TryGetColumn(feature.Name, out var column))
            {
                continue;
            }

            columns.Add(feature.Type == FeatureKind.Numeric ? Numeric(column) : Categorical(column));
        }

        return columns;
    }

    /// <summary>The target column: numeric for regression and forecasts, categorical for classification; <see langword="null"/> when absent.</summary>
    public static DriftColumn? Target(Table table, FeatureSchema schema)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(schema);
        if (!table.TryGetColumn(schema.Target, out var column))
        {
            return null;
        }

        return schema.Task == ProjectTask.Classification ? Categorical(column) : Numeric(column);
    }

    private static DriftColumn Numeric(Column column) => column is NumericColumn numbers
        ? DriftColumn.Numeric(column.Name, numbers.Values.ToArray())
        : throw new ArgumentException($"Feature '{column.Name}' is numeric in the schema but stored as {column.Type}.", nameof(column));

    private static DriftColumn Categorical(Column column)
    {
        if (column is TextColumn text)
        {
            return DriftColumn.Categorical(column.Name, text.Values.ToArray());
        }

        var labels = new string?[column.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = column.FormatValue(i);
        }

        return DriftColumn.Categorical(column.Name, labels);
    }
}
