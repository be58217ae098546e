using System.Globalization;
using Sextant.Monitoring.Drift;

namespace Sextant.Monitoring.Window;

/// <summary>
/// The current window of a drift check, read from the prediction log's columnar blocks: per row its time and
/// prediction, and every logged feature as numbers or labels. Rows are oldest first.
/// </summary>
public sealed class PredictionWindow
{
    private readonly Dictionary<string, WindowColumn> _columns;

    internal PredictionWindow(PredictionWindowQuery query, long[] times, double[] predictions, Dictionary<string, WindowColumn> columns, int blocks)
    {
        Query = query;
        _times = times;
        Predictions = predictions;
        _columns = columns;
        Blocks = blocks;
    }

    private readonly long[] _times;

    /// <summary>What was asked for.</summary>
    public PredictionWindowQuery Query { get; }

    /// <summary>The number of rows.</summary>
    public int Rows => Predictions.Length;

    /// <summary>The number of stored blocks read.</summary>
    public int Blocks { get; }

    /// <summary>The prediction of each row.</summary>
    public double[] Predictions { get; }

    /// <summary>The time of the oldest row, or <see langword="null"/> when empty.</summary>
    public DateTimeOffset? First => _times.Length == 0 ? null : new DateTimeOffset(_times.Min(), TimeSpan.Zero);

    /// <summary>The time of the newest row, or <see langword="null"/> when empty.</summary>
    public DateTimeOffset? Last => _times.Length == 0 ? null : new DateTimeOffset(_times.Max(), TimeSpan.Zero);

    /// <summary>The logged feature names.</summary>
    public IEnumerable<string> Features => _columns.Keys;

    /// <summary>
    /// A feature as a drift column of <paramref name="kind"/>: labels that read as numbers become numbers (others NaN),
    /// numbers become their invariant text; <see langword="null"/> when the feature was never logged in the window.
    /// </summary>
    public DriftColumn? Column(string name, DriftFeatureKind kind)
    {
        if (!_columns.TryGetValue(name, out var column))
        {
            return null;
        }

        if (kind == DriftFeatureKind.Numeric)
        {
            if (column.Numbers is { } numbers)
            {
                return DriftColumn.Numeric(name, numbers);
            }

            var parsed = new double[Rows];
            for (var i = 0; i < parsed.Length; i++)
            {
                parsed[i] = column.Labels![i] is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
            }

            return DriftColumn.Numeric(name, parsed);
        }

        return DriftColumn.Categorical(name, column.Labels ?? column.AsLabels());
    }

    /// <summary>The predictions as a drift column (numbers: values or positive-class probabilities).</summary>
    public DriftColumn PredictionColumn(string name = "prediction") => DriftColumn.Numeric(name, Predictions);

    /// <summary>One feature's values over the window: numbers (NaN missing) or labels (null missing).</summary>
    internal sealed class WindowColumn
    {
        public double[]? Numbers { get; set; }

        public string?[]? Labels { get; set; }

        public string?[] AsLabels()
        {
            var labels = new string?[Numbers!.Length];
            for (var i = 0; i < labels.Length; i++)
            {
                labels[i] = double.IsNaN(Numbers[i]) ? null : PredictionBlock.Label(Numbers[i]);
            }

            return labels;
        }
    }
}
