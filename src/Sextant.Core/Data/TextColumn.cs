namespace Sextant.Data;

/// <summary>A column of strings; <see langword="null"/> marks a missing value.</summary>
public sealed class TextColumn : Column
{
    private readonly string?[] _values;

    public TextColumn(string name, string?[] values)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    public override ColumnType Type => ColumnType.Text;

    public override int Length => _values.Length;

    public ReadOnlySpan<string?> Values => _values;

    public string? this[int row] => _values[row];

    public override bool IsMissing(int row) => _values[row] is null;

    public override Column Take(ReadOnlySpan<int> rows)
    {
        var values = new string?[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            values[i] = _values[rows[i]];
        }

        return new TextColumn(Name, values);
    }

    public override Column Rename(string name) => new TextColumn(name, _values);

    public override string? FormatValue(int row) => _values[row];

    /// <summary>Distinct non-missing values, ordinal order.</summary>
    public IReadOnlyList<string> Distinct()
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var v in _values)
        {
            if (v is not null)
            {
                set.Add(v);
            }
        }

        return [.. set];
    }
}
