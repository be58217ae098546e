using Sextant.Data;
using Sextant.Projects;
using Sextant.Schema;

namespace Sextant.Training;

/// <summary>
/// A stored dataset made ready to learn from: rows without a target dropped, the target as numbers (1/0 for the
/// positive/negative class) and the project's train/test split (stratified by class for classification unless turned off). Training and promotion gates share it, so a gate
/// scores models on exactly the rows training held out.
/// </summary>
public sealed record LabelledData(Table Table, double[] Target, IReadOnlyList<string>? ClassLabels, int[] TrainRows, int[] TestRows)
{
    /// <summary>
    /// Prepares <paramref name="table"/> under the project's configuration. <paramref name="classLabels"/> fixes the
    /// label order (positive first) when scoring for an existing model; otherwise it is inferred.
    /// With <paramref name="testTable"/> (the rows of <c>split.test_file</c>) those rows are the test rows and every
    /// stored row trains.
    /// </summary>
    public static LabelledData Prepare(ProjectConfig config, FeatureSchema schema, Table table, IReadOnlyList<string>? classLabels = null, Table? testTable = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(table);
        table = Labelled(table, schema.Target);
        var storedRows = table.RowCount;
        if (testTable is not null)
        {
            string[] names = [.. schema.Features.Select(f => f.Name), schema.Target];
            table = table.Select(names).Append(Labelled(testTable, schema.Target).Select(names));
        }

        var targetColumn = table[schema.Target];
        double[] target;
        if (config.Task == ProjectTask.Classification)
        {
            classLabels ??= ClassLabelsOf(targetColumn, config.PositiveClass);
            var positive = classLabels[0];
            target = [.. Enumerable.Range(0, table.RowCount).Select(r => targetColumn.FormatValue(r) == positive ? 1.0 : 0.0)];
        }
        else
        {
            target = ((NumericColumn)targetColumn).Values.ToArray();
        }

        var (trainRows, testRows) = testTable is not null
            ? (Enumerable.Range(0, storedRows).ToArray(), Enumerable.Range(storedRows, table.RowCount - storedRows).ToArray())
            : config.Split.TimeColumn is { } timeColumn
            ? DataSplit.ByTime(table[timeColumn], config.Split.TestFraction)
            : config.Split.StratifiesFor(config.Task)
                ? DataSplit.Stratified(target, config.Split.TestFraction, config.Split.Seed)
                : DataSplit.Random(table.RowCount, config.Split.TestFraction, config.Split.Seed);
        return new LabelledData(table, target, classLabels, trainRows, testRows);
    }

    // The rows whose target is known.
    private static Table Labelled(Table table, string target)
    {
        var column = table[target];
        var keep = new bool[table.RowCount];
        for (var r = 0; r < keep.Length; r++)
        {
            keep[r] = !column.IsMissing(r);
        }

        return table.Where(keep);
    }

    /// <summary>The held-out test rows (raw features, no derived columns) and their target.</summary>
    public (Table Table, double[] Target) Test => (Table.Take(TestRows), [.. TestRows.Select(i => Target[i])]);

    private static string[] ClassLabelsOf(Column target, string? positive)
    {
        var counts = Enumerable.Range(0, target.Length).Select(target.FormatValue).OfType<string>()
            .GroupBy(v => v, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        if (counts.Count != 2)
        {
            throw new SextantException($"Classification needs exactly 2 classes in '{target.Name}'; found {counts.Count}: {string.Join(", ", counts.Keys.Take(10))}.");
        }

        if (positive is not null && !counts.ContainsKey(positive))
        {
            throw new SextantException($"positive_class '{positive}' is not a value of '{target.Name}'; values: {string.Join(", ", counts.Keys)}.");
        }

        string[] conventional = ["Yes", "yes", "YES", "1", "true", "True", "TRUE", "Y", "y"];
        positive ??= conventional.FirstOrDefault(counts.ContainsKey)
            ?? counts.OrderBy(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;
        var negative = counts.Keys.First(k => k != positive);
        return [positive, negative];
    }
}
