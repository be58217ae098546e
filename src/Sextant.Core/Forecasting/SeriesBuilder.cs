using System.Globalization;
using Sextant.Data;

namespace Sextant.Forecasting;

/// <summary>
/// Builds a regular series from a table's time and value columns: rows are aggregated per period, the frequency is the
/// coarsest calendar spacing all dates fit (yearly, quarterly, monthly, weekly, daily) or, for a numeric time column,
/// plain consecutive period numbers, and periods without a row are filled (or refused) by the missing-period policy.
/// </summary>
public static class SeriesBuilder
{
    private static readonly SeriesFrequency[] s_coarsestFirst = [SeriesFrequency.Yearly, SeriesFrequency.Quarterly, SeriesFrequency.Monthly, SeriesFrequency.Weekly, SeriesFrequency.Daily];

    /// <summary>Builds the series.</summary>
    /// <param name="table">The rows.</param>
    /// <param name="timeColumn">A date column, or a numeric column of whole period numbers.</param>
    /// <param name="valueColumn">A numeric column.</param>
    /// <param name="aggregation">How rows of one period combine. <value>Default <see cref="SeriesAggregation.None"/>.</value></param>
    /// <param name="missing">What to do with empty periods. <value>Default <see cref="MissingPeriodPolicy.Interpolate"/>.</value></param>
    /// <param name="seasonLength">The season length, or <see langword="null"/> for the frequency's usual one (1 for plain periods).</param>
    /// <param name="frequency">The calendar frequency of a date column, or <see langword="null"/> to infer it from the dates (segments of one file take the file's).</param>
    /// <exception cref="ForecastDataException">A column is missing or of the wrong type, times repeat without aggregation, the dates are irregular, or a period is missing under <see cref="MissingPeriodPolicy.Refuse"/>.</exception>
    public static BuiltSeries Build(Table table, string timeColumn, string valueColumn, SeriesAggregation aggregation = SeriesAggregation.None, MissingPeriodPolicy missing = MissingPeriodPolicy.Interpolate, int? seasonLength = null, SeriesFrequency? frequency = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!table.TryGetColumn(timeColumn, out var time))
        {
            throw new ForecastDataException($"The time column '{timeColumn}' is not in the file (columns: {string.Join(", ", table.ColumnNames)}).");
        }

        if (!table.TryGetColumn(valueColumn, out var value) || value is not NumericColumn values)
        {
            throw new ForecastDataException($"The value column '{valueColumn}' is not a numeric column of the file (columns: {string.Join(", ", table.ColumnNames)}).");
        }

        var keys = new long[table.RowCount];
        var keep = new bool[table.RowCount];
        DateTime? origin = null;
        var forced = frequency;
        if (time is DateColumn dates)
        {
            var distinct = new SortedSet<DateTime>();
            for (var r = 0; r < table.RowCount; r++)
            {
                if (dates[r] is { } d && !double.IsNaN(values[r]))
                {
                    distinct.Add(d);
                }
            }

            if (distinct.Count < 2)
            {
                throw new ForecastDataException("Not enough data: the file has fewer than two periods with a value.");
            }

            origin = distinct.Min;
            frequency = forced is { } given
                ? distinct.All(d => Index(given, origin.Value, d) is not null) ? given : SeriesFrequency.Periods
                : s_coarsestFirst.FirstOrDefault(f => distinct.All(d => Index(f, origin.Value, d) is not null), SeriesFrequency.Periods);
            if (frequency == SeriesFrequency.Periods)
            {
                throw new ForecastDataException(forced is { } f
                    ? $"The dates of '{timeColumn}' do not fall on one {f.ToString().ToLowerInvariant()} grid."
                    : $"The dates of '{timeColumn}' are not regularly spaced (daily, weekly, monthly, quarterly or yearly); aggregate them to a frequency first.");
            }

            for (var r = 0; r < table.RowCount; r++)
            {
                if (dates[r] is { } d && !double.IsNaN(values[r]))
                {
                    keys[r] = Index(frequency.Value, origin.Value, d)!.Value;
                    keep[r] = true;
                }
            }
        }
        else if (time is NumericColumn periods)
        {
            frequency = SeriesFrequency.Periods;
            for (var r = 0; r < table.RowCount; r++)
            {
                var p = periods[r];
                if (double.IsNaN(p) || double.IsNaN(values[r]))
                {
                    continue;
                }

                if (p != Math.Floor(p))
                {
                    throw new ForecastDataException(string.Create(CultureInfo.InvariantCulture, $"The period numbers of '{timeColumn}' must be whole numbers; row {r + 1} has {p}."));
                }

                keys[r] = (long)p;
                keep[r] = true;
            }
        }
        else
        {
            throw new ForecastDataException($"The time column '{timeColumn}' holds neither dates (yyyy-MM-dd) nor period numbers.");
        }

        var sums = new SortedDictionary<long, (double Sum, int Count)>();
        var rows = 0;
        for (var r = 0; r < table.RowCount; r++)
        {
            if (!keep[r])
            {
                continue;
            }

            rows++;
            sums.TryGetValue(keys[r], out var acc);
            if (acc.Count > 0 && aggregation == SeriesAggregation.None)
            {
                throw new ForecastDataException(string.Create(CultureInfo.InvariantCulture, $"Several rows share the period of row {r + 1}; choose an aggregation (sum or mean)."));
            }

            sums[keys[r]] = (acc.Sum + values[r], acc.Count + 1);
        }

        if (sums.Count < 2)
        {
            throw new ForecastDataException("Not enough data: the file has fewer than two periods with a value.");
        }

        var first = sums.Keys.First();
        var length = checked((int)(sums.Keys.Last() - first + 1));
        var series = new double[length];
        var present = new bool[length];
        foreach (var (key, acc) in sums)
        {
            var i = (int)(key - first);
            series[i] = aggregation == SeriesAggregation.Mean ? acc.Sum / acc.Count : acc.Sum;
            present[i] = true;
        }

        var step = frequency!.Value;
        var filled = Fill(series, present, missing, i => origin is { } o ? Label(step, o, first + i) : (first + i).ToString(CultureInfo.InvariantCulture));
        var built = origin is { } start
            ? new TimeSeries(series, step, Step(step, start, first), seasonLength)
            : new TimeSeries(series, seasonLength ?? 1, first);
        return new BuiltSeries(built, rows, filled, table.RowCount - rows);
    }

    private static int Fill(double[] series, bool[] present, MissingPeriodPolicy policy, Func<int, string> label)
    {
        var filled = 0;
        for (var i = 0; i < series.Length; i++)
        {
            if (present[i])
            {
                continue;
            }

            if (policy == MissingPeriodPolicy.Refuse)
            {
                throw new ForecastDataException($"The period {label(i)} has no value (missing-period policy: refuse).");
            }

            var next = i + 1;
            while (!present[next])
            {
                next++;
            }

            for (var j = i; j < next; j++)
            {
                series[j] = policy == MissingPeriodPolicy.Zero ? 0 : series[i - 1] + ((series[next] - series[i - 1]) * (j - i + 1) / (next - i + 1));
                filled++;
            }

            i = next;
        }

        return filled;
    }

    private static long? Index(SeriesFrequency frequency, DateTime origin, DateTime d)
    {
        if (d.TimeOfDay != origin.TimeOfDay)
        {
            return null;
        }

        var days = (d.Date - origin.Date).Days;
        var months = ((d.Year - origin.Year) * 12) + d.Month - origin.Month;
        return frequency switch
        {
            SeriesFrequency.Daily => days,
            SeriesFrequency.Weekly => days % 7 == 0 ? days / 7 : null,
            SeriesFrequency.Monthly => d.Day == origin.Day ? months : null,
            SeriesFrequency.Quarterly => d.Day == origin.Day && months % 3 == 0 ? months / 3 : null,
            SeriesFrequency.Yearly => d.Day == origin.Day && d.Month == origin.Month ? d.Year - origin.Year : null,
            _ => null,
        };
    }

    private static DateTime Step(SeriesFrequency frequency, DateTime origin, long steps) => frequency switch
    {
        SeriesFrequency.Daily => origin.AddDays(steps),
        SeriesFrequency.Weekly => origin.AddDays(7 * steps),
        SeriesFrequency.Monthly => origin.AddMonths((int)steps),
        SeriesFrequency.Quarterly => origin.AddMonths(3 * (int)steps),
        _ => origin.AddYears((int)steps),
    };

    private static string Label(SeriesFrequency frequency, DateTime origin, long steps) =>
        Step(frequency, origin, steps).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
