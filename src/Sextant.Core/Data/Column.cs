namespace Sextant.Data;

/// <summary>One typed column of a <see cref="Table"/>. Missing values are explicit in every type.</summary>
public abstract class Column
{
    protected Column(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The column name as in the source header.</summary>
    public string Name { get; }

    /// <summary>The storage type.</summary>
    public abstract ColumnType Type { get; }

    /// <summary>Number of rows.</summary>
    public abstract int Length { get; }

    /// <summary>Whether row <paramref name="row"/> is missing.</summary>
    public abstract bool IsMissing(int row);

    /// <summary>Number of missing rows.</summary>
    public int MissingCount
    {
        get
        {
            var count = 0;
            for (var i = 0; i < Length; i++)
            {
                if (IsMissing(i))
                {
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>A new column with the rows at <paramref name="rows"/>, in that order.</summary>
    public abstract Column Take(ReadOnlySpan<int> rows);

    /// <summary>The same values under another name.</summary>
    public abstract Column Rename(string name);

    /// <summary>The value of a row in a canonical, culture-invariant text form; <see langword="null"/> when missing.</summary>
    public abstract string? FormatValue(int row);
}
