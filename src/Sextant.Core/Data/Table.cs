namespace Sextant.Data;

/// <summary>
/// A columnar, immutable in-memory table: one typed array per column, missing values explicit.
/// Learners read columns, never row objects.
/// </summary>
public sealed class Table
{
    private readonly Dictionary<string, Column> _byName;

    public Table(IReadOnlyList<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _byName = new Dictionary<string, Column>(StringComparer.Ordinal);
        var rows = columns.Count == 0 ? 0 : columns[0].Length;
        foreach (var column in columns)
        {
            if (column.Length != rows)
            {
                throw new ArgumentException($"Column '{column.Name}' has {column.Length} rows; expected {rows}.", nameof(columns));
            }

            if (!_byName.TryAdd(column.Name, column))
            {
                throw new ArgumentException($"Column '{column.Name}' appears twice.", nameof(columns));
            }
        }

        Columns = columns;
        RowCount = rows;
    }

    public IReadOnlyList<Column> Columns { get; }

    public int RowCount { get; }

    public int ColumnCount => Columns.Count;

    public IEnumerable<string> ColumnNames => Columns.Select(c => c.Name);

    public Column this[string name] =>
        _byName.TryGetValue(name, out var c) ? c : throw new KeyNotFoundException($"No column named '{name}'.");

    public bool Contains(string name) => _byName.ContainsKey(name);

    public bool TryGetColumn(string name, out Column column) => _byName.TryGetValue(name, out column!);

    /// <summary>The rows at the given indices, in that order.</summary>
    public Table Take(ReadOnlySpan<int> rows)
    {
        var columns = new Column[Columns.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = Columns[i].Take(rows);
        }

        return new Table(columns);
    }

    /// <summary>The rows where <paramref name="keep"/> is true.</summary>
    public Table Where(ReadOnlySpan<bool> keep)
    {
        if (keep.Length != RowCount)
        {
            throw new ArgumentException("Mask length differs from the row count.", nameof(keep));
        }

        var rows = new List<int>(RowCount);
        for (var i = 0; i < keep.Length; i++)
        {
            if (keep[i])
            {
                rows.Add(i);
            }
        }

        return Take(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
    }

    /// <summary>The named columns, in that order.</summary>
    /// <exception cref="ArgumentException">A name is not a column of the table.</exception>
    public Table Select(IEnumerable<string> names) =>
        new([.. names.Select(n => TryGetColumn(n, out var c) ? c : throw new ArgumentException($"There is no column '{n}'.", nameof(names)))]);

    /// <summary>This table's rows followed by <paramref name="other"/>'s, column by column (by name, with the same types).</summary>
    /// <exception cref="ArgumentException">A column is missing from <paramref name="other"/> or has another type there.</exception>
    public Table Append(Table other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new Table([.. Columns.Select(a => (a, b: other.TryGetColumn(a.Name, out var b) ? b : throw new ArgumentException($"Column '{a.Name}' is missing from the appended rows.", nameof(other))) switch
        {
            (NumericColumn x, NumericColumn y) => (Column)new NumericColumn(a.Name, [.. x.Values.ToArray(), .. y.Values.ToArray()]),
            (TextColumn x, TextColumn y) => new TextColumn(a.Name, [.. x.Values.ToArray(), .. y.Values.ToArray()]),
            (DateColumn x, DateColumn y) => new DateColumn(a.Name, [.. x.Values.ToArray(), .. y.Values.ToArray()]),
            var (x, y) => throw new ArgumentException($"Column '{a.Name}' is {x.Type} here but {y.Type} in the appended rows.", nameof(other)),
        })]);
    }

    /// <summary>A table without the named columns.</summary>
    public Table Without(IEnumerable<string> names)
    {
        var drop = new HashSet<string>(names, StringComparer.Ordinal);
        return new Table([.. Columns.Where(c => !drop.Contains(c.Name))]);
    }

    /// <summary>A table with a column replaced (same name) or appended.</summary>
    public Table With(Column column)
    {
        var list = Columns.ToList();
        var index = list.FindIndex(c => c.Name == column.Name);
        if (index >= 0)
        {
            list[index] = column;
        }
        else
        {
            list.Add(column);
        }

        return new Table(list);
    }
}
