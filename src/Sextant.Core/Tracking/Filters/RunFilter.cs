namespace Sextant.Tracking.Filters;

/// <summary>
/// A parsed run filter for <c>sextant runs list --filter</c>, e.g.
/// <c>metrics.rmse &lt; 300 AND (params.learner = 'gbm' OR tags.team IN ('ml', 'ds'))</c>.
/// </summary>
/// <remarks>
/// <para>Grammar (keywords are case-insensitive; NOT binds tighter than AND, AND tighter than OR):</para>
/// <code>
/// expr       := and ( OR and )*
/// and        := unary ( AND unary )*
/// unary      := NOT unary | '(' expr ')' | condition
/// condition  := field op literal | field [NOT] IN '(' literal (',' literal)* ')'
///             | field [NOT] LIKE string | field [NOT] ILIKE string | field IS [NOT] NULL
/// field      := metrics.KEY | params.KEY | tags.KEY | attributes.NAME | NAME
/// op         := = | == | != | &lt;&gt; | &lt; | &lt;= | &gt; | &gt;=
/// literal    := number | 'string' | "string"
/// </code>
/// <para>
/// A KEY is bare (letters, digits, <c>_ - . /</c>) or quoted with backticks or double quotes right after the prefix:
/// <c>metrics.`val loss`</c>, <c>params."max depth"</c>. Elsewhere double quotes, like single quotes, make a string.
/// Doubling a quote escapes it. Attributes: id (or run_id), name, status, start_time, end_time, duration_ms,
/// dataset_fingerprint, dataset_version, learner, model_version.
/// </para>
/// <para>
/// Every condition is false for a run without a value for its field (a metric, parameter or tag it never recorded, an
/// empty attribute), so <c>NOT metrics.rmse &lt; 300</c> matches runs without rmse while <c>metrics.rmse &gt;= 300</c>
/// does not; <c>IS NULL</c> finds them. Metrics are numbers. Parameters and tags are text: a number literal compares
/// them as numbers (text that is not a JSON-style number such as <c>12</c>, <c>-0.5</c>, <c>1e-3</c> never matches), a
/// string literal as text. Times take ISO-8601 strings, UTC unless an offset is given, and compare as instants.
/// </para>
/// <para>
/// LIKE is case-sensitive in both dialects (in SQLite it runs as the equivalent GLOB); ILIKE ignores case, in SQLite for
/// ASCII letters only. <c>%</c>, <c>_</c> and a backslash escape mean the same in both. Text comparisons and ordering follow
/// the database's collation: byte order in SQLite, the database collation in PostgreSQL.
/// </para>
/// </remarks>
public sealed class RunFilter
{
    private RunFilter(FilterExpression? expression)
    {
        Expression = expression;
    }

    /// <summary>Gets the filter's tree, or <see langword="null"/> for the empty filter, which matches every run.</summary>
    public FilterExpression? Expression { get; }

    /// <summary>Gets whether the filter is empty and matches every run.</summary>
    public bool IsEmpty => Expression is null;

    /// <summary>Parses a filter; empty or white space gives the filter that matches every run.</summary>
    /// <exception cref="FilterSyntaxException">The text is not a valid filter; the message points at the column.</exception>
    public static RunFilter Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new RunFilter(FilterParser.ParseFilter(text));
    }

    /// <summary>
    /// Translates the filter to a condition for <c>SELECT ... FROM runs r WHERE condition</c>; the runs table must be
    /// aliased <c>r</c>. Metrics, parameters and tags are matched by EXISTS subqueries on <c>run_latest_metrics</c>,
    /// <c>run_params</c> and <c>run_tags</c>. Values and keys are added to <paramref name="parameters"/>, never written
    /// into the SQL. The empty filter gives <c>1 = 1</c>.
    /// </summary>
    public string ToSql(SqlDialect dialect, SqlParameterSink parameters)
    {
        var writer = new FilterSqlWriter(dialect, parameters);
        return Expression is null ? "1 = 1" : writer.Write(Expression);
    }

    /// <summary>The canonical text, which parses back to an equal tree; empty for the empty filter.</summary>
    public override string ToString() => Expression?.ToString() ?? string.Empty;
}
