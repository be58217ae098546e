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
        return Concat([this, other]);
    }

    /// <summary>The rows of <paramref name="parts"/> one after another, column by column (by name, with the first part's columns and types), copied once.</summary>
    /// <exception cref="ArgumentException">There is no part, or a column is missing from a later part or has another type there.</exception>
    public static Table Concat(IReadOnlyList<Table> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("There is no table to concatenate.", nameof(parts));
        }

        if (parts.Count == 1)
        {
            return parts[0];
        }

        var rows = parts.Sum(p => p.RowCount);
        return new Table([.. parts[0].Columns.Select(first =>
        {
            var columns = parts.Select(p => p.TryGetColumn(first.Name, out var c) ? c : throw new ArgumentException($"Column '{first.Name}' is missing from the appended rows.", nameof(parts))).ToList();
            if (columns.Find(c => c.Type != first.Type) is { } other)
            {
                throw new ArgumentException($"Column '{first.Name}' is {first.Type} here but {other.Type} in the appended rows.", nameof(parts));
            }

            return first switch
            {
                NumericColumn => (Column)new NumericColumn(first.Name, Join(columns, rows, c => ((NumericColumn)c).Values)),
                TextColumn => new TextColumn(first.Name, Join(columns, rows, c => ((TextColumn)c).Values)),
                DateColumn => new DateColumn(first.Name, Join(columns, rows, c => ((DateColumn)c).Values)),
                _ => throw new ArgumentException($"Column '{first.Name}' has type {first.GetType().Name}, which cannot be concatenated.", nameof(parts)),
            };
        })]);
    }

    private static T[] Join<T>(List<Column> columns, int rows, Func<Column, ReadOnlySpan<T>> values)
    {
        var joined = new T[rows];
        var at = 0;
        foreach (var column in columns)
        {
            var span = values(column);
            span.CopyTo(joined.AsSpan(at));
            at += span.Length;
        }

        return joined;
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
