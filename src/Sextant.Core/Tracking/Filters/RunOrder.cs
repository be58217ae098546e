namespace Sextant.Tracking.Filters;

/// <summary>
/// A run ordering for <c>sextant runs list --order-by</c>: a comma-separated list of <c>field [ASC|DESC]</c>, e.g.
/// <c>metrics.rmse ASC, start_time DESC</c>, with the fields of <see cref="RunFilter"/>. Runs without a value for a field
/// (a metric never logged) come last in both directions.
/// </summary>
public sealed class RunOrder
{
    private RunOrder(IReadOnlyList<RunOrderTerm> terms)
    {
        Terms = terms;
    }

    /// <summary>Gets the keys, most significant first; empty for no ordering.</summary>
    public IReadOnlyList<RunOrderTerm> Terms { get; }

    /// <summary>Gets whether there are no keys.</summary>
    public bool IsEmpty => Terms.Count == 0;

    /// <summary>Parses an ordering; empty or white space gives an empty ordering.</summary>
    /// <exception cref="FilterSyntaxException">The text is not a valid ordering; the message points at the column.</exception>
    public static RunOrder Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new RunOrder(FilterParser.ParseOrder(text));
    }

    /// <summary>
    /// Translates the ordering to the list after <c>ORDER BY</c> over <c>runs r</c>: each key with <c>NULLS LAST</c>,
    /// metrics through scalar subqueries, parameters and tags numerically first (numbers before other text) then as text.
    /// <c>r.id ASC</c> ends the list, unless the ordering holds <c>id</c>, so the order is total; the empty ordering gives
    /// just <c>r.id ASC</c>. Keys are added to <paramref name="parameters"/>.
    /// </summary>
    public string ToSql(SqlDialect dialect, SqlParameterSink parameters) => new FilterSqlWriter(dialect, parameters).WriteOrder(Terms);

    /// <summary>The canonical text, e.g. <c>metrics.rmse ASC, start_time DESC</c>; empty for an empty ordering.</summary>
    public override string ToString() => string.Join(", ", Terms);
}
