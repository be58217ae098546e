namespace Sextant.Storage;

/// <summary>The result of a read-only SQL query.</summary>
public sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);
