namespace Sextant.Monitoring.Window;

/// <summary>
/// Assembles a <see cref="PredictionWindow"/> from blocks: the caller adds each block (oldest first) with the rows it
/// keeps, and the builder copies those rows of every column into one array per column, sized once.
/// </summary>
internal sealed class PredictionWindowBuilder : IBlockVisitor
{
    private readonly PredictionWindowQuery _query;
    private readonly long[] _times;
    private readonly double[] _predictions;
    private readonly Dictionary<string, PredictionWindow.WindowColumn> _columns = new(StringComparer.Ordinal);
    private int _position;
    private int[]? _selected;
    private int _take;
    private int _blocks;

    public PredictionWindowBuilder(PredictionWindowQuery query, int rows)
    {
        _query = query;
        _times = new long[rows];
        _predictions = new double[rows];
    }

    /// <summary>Adds the rows <paramref name="selected"/> (ascending; all when null) of a block.</summary>
    public void Add(ReadOnlyMemory<byte> block, int[]? selected)
    {
        var (rows, _) = PredictionBlock.Header(block);
        _selected = selected;
        _take = selected?.Length ?? rows;
        if (_take == 0)
        {
            return;
        }

        PredictionBlock.Read(block, this);
        _position += _take;
        _blocks++;
    }

    public PredictionWindow Build() => new(_query, _times, _predictions, _columns, _blocks);

    public void Times(ReadOnlySpan<long> utcTicks) => Copy(utcTicks, _times);

    public void Predictions(ReadOnlySpan<double> values) => Copy(values, _predictions);

    public void Numbers(string name, ReadOnlySpan<double> values)
    {
        var column = ColumnOf(name, numeric: true);
        if (column.Numbers is { } numbers)
        {
            Copy(values, numbers);
            return;
        }

        var labels = column.Labels!;
        for (var i = 0; i < _take; i++)
        {
            var v = values[_selected is null ? i : _selected[i]];
            labels[_position + i] = double.IsNaN(v) ? null : PredictionBlock.Label(v);
        }
    }

    public void Labels(string name, string[] labels, ReadOnlySpan<int> codes)
    {
        var column = ColumnOf(name, numeric: false);
        if (column.Numbers is not null)
        {
            // Labels after numbers: the feature is categorical after all; earlier numbers become their text.
            column.Labels = column.AsLabels();
            column.Numbers = null;
        }

        var target = column.Labels!;
        for (var i = 0; i < _take; i++)
        {
            var code = codes[_selected is null ? i : _selected[i]];
            target[_position + i] = code < 0 ? null : labels[code];
        }
    }

    private PredictionWindow.WindowColumn ColumnOf(string name, bool numeric)
    {
        if (_columns.TryGetValue(name, out var column))
        {
            return column;
        }

        column = new PredictionWindow.WindowColumn();
        if (numeric)
        {
            column.Numbers = new double[_times.Length];
            Array.Fill(column.Numbers, double.NaN);
        }
        else
        {
            column.Labels = new string?[_times.Length];
        }

        _columns[name] = column;
        return column;
    }

    private void Copy<T>(ReadOnlySpan<T> source, T[] target)
    {
        if (_selected is null)
        {
            source[.._take].CopyTo(target.AsSpan(_position, _take));
            return;
        }

        for (var i = 0; i < _take; i++)
        {
            target[_position + i] = source[_selected[i]];
        }
    }
}
