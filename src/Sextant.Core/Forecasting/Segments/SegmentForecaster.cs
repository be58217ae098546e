using System.Globalization;
using Sextant.Data;
using Sextant.Forecasting.Selection;

namespace Sextant.Forecasting.Segments;

/// <summary>
/// Forecasts one series per segment of a table (the rows sharing the values of the <c>By</c> columns), segments in
/// parallel. A segment that cannot be forecast (too short, irregular dates, constant) is reported with its reason, and
/// the others go on; with no <c>By</c> columns the whole table is one series and its failure is an error.
/// </summary>
public static class SegmentForecaster
{
    /// <summary>Forecasts every segment, in the order segments first appear in the table.</summary>
    /// <param name="table">The rows.</param>
    /// <param name="options">Columns, horizon, method and holdout.</param>
    /// <param name="progress">Receives the count of finished segments and the total as they finish.</param>
    /// <param name="cancellationToken">Stops between segments.</param>
    /// <exception cref="ForecastDataException">A column is missing or of the wrong type, or (without segments) the series cannot be forecast.</exception>
    public static IReadOnlyList<SegmentForecast> Run(Table table, SegmentForecastOptions options, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        foreach (var column in options.By)
        {
            if (!table.TryGetColumn(column, out _))
            {
                throw new ForecastDataException($"The segment column '{column}' is not in the file (columns: {string.Join(", ", table.ColumnNames)}).");
            }
        }

        if (options.By.Count == 0)
        {
            // One series: its failure is the caller's error, and its cross-validation folds use the parallelism.
            var whole = Forecast(table, new Dictionary<string, string>(), table.RowCount, options, null, options.MaxDegreeOfParallelism, throwOnFailure: true);
            progress?.Report((1, 1));
            return [whole];
        }

        // Every segment is put on the file's calendar grid: an item sold on the first of four Januaries is four
        // interpolated years of a monthly file, not a yearly series of its own.
        var frequency = SeriesBuilder.Build(table, options.Time, options.Value, SeriesAggregation.Sum, MissingPeriodPolicy.Zero, options.Season).Series.Frequency;
        var grid = frequency == SeriesFrequency.Periods ? (SeriesFrequency?)null : frequency;
        var segments = Segment(table, options.By);
        var results = new SegmentForecast[segments.Count];
        var done = 0;
        Parallel.For(0, segments.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken }, s =>
        {
            var (key, rows) = segments[s];
            results[s] = Forecast(table.Take(rows), key, rows.Length, options, grid, parallelism: 1, throwOnFailure: false);
            progress?.Report((Interlocked.Increment(ref done), segments.Count));
        });
        return results;
    }

    private static SegmentForecast Forecast(Table rows, IReadOnlyDictionary<string, string> key, int rowCount, SegmentForecastOptions options, SeriesFrequency? frequency, int parallelism, bool throwOnFailure)
    {
        var result = new SegmentForecast(key, rowCount);
        try
        {
            var built = SeriesBuilder.Build(rows, options.Time, options.Value, options.Aggregation, options.Missing, options.Season, frequency);
            result = result with { Series = built };
            if (options.Missing == MissingPeriodPolicy.Interpolate && built.Filled > options.MaxInterpolatedShare * built.Series.Length)
            {
                throw new ForecastDataException(string.Create(CultureInfo.InvariantCulture,
                    $"Not enough data: {built.Filled} of the series' {built.Series.Length} periods have no value and would be interpolated (more than {options.MaxInterpolatedShare:P0}): aggregate to a coarser period, or fill with zeros for an intermittent series."));
            }

            var auto = new AutoForecastOptions { MaxDegreeOfParallelism = parallelism, Lambda = options.Lambda };
            var scored = options.HoldoutMethods is { } listed ? (IReadOnlyList<ForecastMethod>)[.. new[] { options.Method }.Where(m => m != ForecastMethod.Auto).Concat(listed).Distinct()] : null;
            var holdout = options.Holdout is { } k ? HoldoutEvaluation.Score(built.Series, k, options.Method == ForecastMethod.Auto, options.Levels, auto, scored) : null;
            AutoForecastResult? selection = null;
            IForecastModel model;
            if (options.Method == ForecastMethod.Auto)
            {
                selection = ForecastMethods.AutoFit(built.Series, options.Horizon, auto);
                model = selection.Model;
            }
            else
            {
                model = ForecastMethods.Fit(built.Series, options.Method, options.Lambda);
            }

            return result with
            {
                Method = selection?.Method ?? options.Method,
                Model = model,
                Selection = selection,
                Forecast = model.Forecast(options.Horizon, options.Levels),
                Holdout = holdout,
            };
        }
        catch (ForecastDataException ex) when (!throwOnFailure)
        {
            return result with { Failure = ex.Message };
        }
    }

    private static List<(IReadOnlyDictionary<string, string> Key, int[] Rows)> Segment(Table table, IReadOnlyList<string> by)
    {
        var columns = by.Select(name => table[name]).ToArray();
        var groups = new Dictionary<string, (IReadOnlyDictionary<string, string> Key, List<int> Rows)>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var r = 0; r < table.RowCount; r++)
        {
            var values = columns.Select(c => c.FormatValue(r) ?? "").ToArray();
            var id = string.Join("\u001f", values);
            if (!groups.TryGetValue(id, out var group))
            {
                var key = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var c = 0; c < columns.Length; c++)
                {
                    key[by[c]] = values[c];
                }

                group = (key, []);
                groups[id] = group;
                order.Add(id);
            }

            group.Rows.Add(r);
        }

        return [.. order.Select(id => (groups[id].Key, groups[id].Rows.ToArray()))];
    }
}
