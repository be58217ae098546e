namespace Sextant.Data;

/// <summary>The storage type of a column.</summary>
public enum ColumnType
{
    /// <summary>64-bit floating point; missing is <see cref="double.NaN"/>.</summary>
    Numeric,

    /// <summary>Text; missing is <see langword="null"/>.</summary>
    Text,

    /// <summary>Date and time (no zone); missing is <see langword="null"/>.</summary>
    Date,
}
