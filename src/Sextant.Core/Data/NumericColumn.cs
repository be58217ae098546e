using System.Globalization;

namespace Sextant.Data;

/// <summary>A column of doubles; <see cref="double.NaN"/> marks a missing value.</summary>
public sealed class NumericColumn : Column
{
    private readonly double[] _values;

    public NumericColumn(string name, double[] values)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    public override ColumnType Type => ColumnType.Numeric;

    public override int Length => _values.Length;

    /// <summary>The values; NaN is missing.</summary>
    public ReadOnlySpan<double> Values => _values;

    public double this[int row] => _values[row];

    public override bool IsMissing(int row) => double.IsNaN(_values[row]);

    public override Column Take(ReadOnlySpan<int> rows)
    {
        var values = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            values[i] = _values[rows[i]];
        }

        return new NumericColumn(Name, values);
    }

    public override Column Rename(string name) => new NumericColumn(name, _values);

    public override string? FormatValue(int row) =>
        IsMissing(row) ? null : _values[row].ToString("R", CultureInfo.InvariantCulture);
}
