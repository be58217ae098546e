using System.Globalization;
using Sextant.Projects;

namespace Sextant.Data.Cleaning;

/// <summary>Applies the cleaning rules of <c>sextant.yaml</c> in a fixed order: drop columns, de-duplicate, drop missing, fill, outliers.</summary>
public static class TableCleaner
{
    /// <summary>Cleans <paramref name="table"/> and reports each rule that applied.</summary>
    public static (Table Table, IReadOnlyList<CleaningStep> Steps) Clean(Table table, CleaningConfig config)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(config);
        var steps = new List<CleaningStep>();

        if (config.DropColumns.Count > 0)
        {
            var present = config.DropColumns.Where(table.Contains).ToList();
            table = table.Without(present);
            steps.Add(DropColumnsStep(config, present, table.RowCount));
        }

        if (config.Deduplicate)
        {
            var before = table.RowCount;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var keep = new bool[table.RowCount];
            for (var r = 0; r < table.RowCount; r++)
            {
                keep[r] = seen.Add(RowKey(table, r));
            }

            table = table.Where(keep);
            steps.Add(new CleaningStep("deduplicate", before, table.RowCount, $"removed {before - table.RowCount} duplicate row(s)"));
        }

        if (config.DropMissing.Count > 0)
        {
            var before = table.RowCount;
            table = DropMissing(table, config);
            steps.Add(DropMissingStep(config, before, table.RowCount));
        }

        if (config.Fill.Count > 0)
        {
            var filled = new Dictionary<string, int>(StringComparer.Ordinal);
            table = Fill(table, config, filled);
            steps.Add(FillStep(config, filled, table.RowCount));
        }

        if (config.Outliers is { Columns.Count: > 0 } outliers)
        {
            var before = table.RowCount;
            var keep = Enumerable.Repeat(true, table.RowCount).ToArray();
            var details = new List<string>();
            foreach (var name in outliers.Columns)
            {
                if (Require(table, name, "cleaning.outliers.columns") is not NumericColumn column)
                {
                    throw new SextantException($"cleaning.outliers.columns: '{name}' is not numeric, so it has no outliers by IQR.");
                }

                var (q1, q3) = Quartiles(column.Values);
                var iqr = q3 - q1;
                var low = q1 - (outliers.Factor * iqr);
                var high = q3 + (outliers.Factor * iqr);
                var removed = 0;
                for (var r = 0; r < column.Length; r++)
                {
                    var v = column[r];
                    if (!double.IsNaN(v) && (v < low || v > high) && keep[r])
                    {
                        keep[r] = false;
                        removed++;
                    }
                }

                details.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {removed} outside [{low:G6}, {high:G6}]"));
            }

            table = table.Where(keep);
            steps.Add(new CleaningStep("outliers", before, table.RowCount, string.Join("; ", details)));
        }

        return (table, steps);
    }

    /// <summary>Whether every rule looks at one row at a time, so chunks of a file can be cleaned one by one (no de-duplication, no outliers, no fill by a statistic).</summary>
    internal static bool IsRowLocal(CleaningConfig config) =>
        !config.Deduplicate && config.Outliers is not { Columns.Count: > 0 } && !config.Fill.Values.Any(IsStatistic);

    /// <summary>Whether a fill rule fills with a statistic of the whole column (computed over every row), not a constant.</summary>
    private static bool IsStatistic(string how) => how is "median" or "mean" or "mode";

    internal static CleaningStep DropColumnsStep(CleaningConfig config, IReadOnlyList<string> present, int rows)
    {
        var absent = config.DropColumns.Except(present).ToList();
        return new CleaningStep("drop_columns", rows, rows,
            $"dropped {string.Join(", ", present)}" + (absent.Count > 0 ? $"; not in the file: {string.Join(", ", absent)}" : ""));
    }

    internal static Table DropMissing(Table table, CleaningConfig config)
    {
        var columns = config.DropMissing.Select(c => Require(table, c, "cleaning.drop_missing")).ToList();
        var keep = new bool[table.RowCount];
        for (var r = 0; r < table.RowCount; r++)
        {
            keep[r] = columns.TrueForAll(c => !c.IsMissing(r));
        }

        return table.Where(keep);
    }

    internal static CleaningStep DropMissingStep(CleaningConfig config, int before, int after) =>
        new("drop_missing", before, after, $"removed {before - after} row(s) missing {string.Join(" or ", config.DropMissing)}");

    /// <summary>Fills every column of <c>cleaning.fill</c>, adding the count of values filled per column to <paramref name="filled"/>.</summary>
    internal static Table Fill(Table table, CleaningConfig config, Dictionary<string, int> filled)
    {
        foreach (var (name, how) in config.Fill)
        {
            var column = Require(table, name, "cleaning.fill");
            filled[name] = filled.GetValueOrDefault(name) + column.MissingCount;
            table = table.With(Fill(column, how));
        }

        return table;
    }

    internal static CleaningStep FillStep(CleaningConfig config, Dictionary<string, int> filled, int rows) =>
        new("fill", rows, rows, string.Join("; ", config.Fill.Select(f => $"{f.Key}: {filled.GetValueOrDefault(f.Key)} value(s) with {f.Value}")));

    private static Column Require(Table table, string name, string rule) =>
        table.TryGetColumn(name, out var column)
            ? column
            : throw new SextantException($"{rule}: column '{name}' is not in the data (after drop_columns).");

    private static Column Fill(Column column, string how)
    {
        switch (column)
        {
            case NumericColumn numeric:
            {
                var present = numeric.Values.ToArray().Where(v => !double.IsNaN(v)).ToArray();
                double value = how switch
                {
                    "median" => present.Length == 0 ? 0 : Quantile(present, 0.5),
                    "mean" => present.Length == 0 ? 0 : present.Average(),
                    "mode" => present.Length == 0 ? 0 : present.GroupBy(v => v).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key,
                    _ => CsvHelperNumber(how, column.Name),
                };
                var values = numeric.Values.ToArray();
                for (var i = 0; i < values.Length; i++)
                {
                    if (double.IsNaN(values[i]))
                    {
                        values[i] = value;
                    }
                }

                return new NumericColumn(column.Name, values);
            }

            case TextColumn text:
            {
                var value = how == "mode"
                    ? text.Values.ToArray().Where(v => v is not null).GroupBy(v => v).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault()?.Key ?? ""
                    : how;
                return new TextColumn(column.Name, [.. text.Values.ToArray().Select(v => v ?? value)]);
            }

            default:
                throw new SextantException($"cleaning.fill: '{column.Name}' is a date column; fill it in the source or drop missing rows.");
        }
    }

    private static double CsvHelperNumber(string how, string column) =>
        Ingest.CsvTableReader.TryParseNumber(how, out var v)
            ? v
            : throw new SextantException($"cleaning.fill.{column}: '{how}' is not a number, median, mean or mode, and the column is numeric.");

    /// <summary>Linear-interpolated quantile of the non-missing values (as numpy's default).</summary>
    internal static double Quantile(double[] sortedOrNot, double q)
    {
        var values = sortedOrNot.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (values.Length == 0)
        {
            return double.NaN;
        }

        var pos = q * (values.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, values.Length - 1);
        return values[lo] + ((pos - lo) * (values[hi] - values[lo]));
    }

    private static (double Q1, double Q3) Quartiles(ReadOnlySpan<double> values)
    {
        var array = values.ToArray();
        return (Quantile(array, 0.25), Quantile(array, 0.75));
    }

    private static string RowKey(Table table, int row) =>
        string.Join('\u001f', table.Columns.Select(c => c.FormatValue(row) ?? "\u0000"));
}
