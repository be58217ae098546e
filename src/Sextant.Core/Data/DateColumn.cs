using System.Globalization;

namespace Sextant.Data;

/// <summary>A column of dates; <see langword="null"/> marks a missing value.</summary>
public sealed class DateColumn : Column
{
    /// <summary>The canonical text form of a date: ISO 8601 without zone.</summary>
    public const string CanonicalFormat = "yyyy-MM-ddTHH:mm:ss";

    private readonly DateTime?[] _values;

    public DateColumn(string name, DateTime?[] values)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    public override ColumnType Type => ColumnType.Date;

    public override int Length => _values.Length;

    public ReadOnlySpan<DateTime?> Values => _values;

    public DateTime? this[int row] => _values[row];

    public override bool IsMissing(int row) => _values[row] is null;

    public override Column Take(ReadOnlySpan<int> rows)
    {
        var values = new DateTime?[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            values[i] = _values[rows[i]];
        }

        return new DateColumn(Name, values);
    }

    public override Column Rename(string name) => new DateColumn(name, _values);

    public override string? FormatValue(int row) =>
        _values[row]?.ToString(CanonicalFormat, CultureInfo.InvariantCulture);
}
