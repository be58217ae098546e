using System.Text;

namespace Sextant.Tracking.Filters;

/// <summary>
/// Translates a filter to a WHERE condition and an ordering to an ORDER BY list over <c>runs r</c>,
/// <c>run_latest_metrics</c>, <c>run_params</c> and <c>run_tags</c>. Values and keys go to the parameter sink.
/// </summary>
internal sealed class FilterSqlWriter
{
    /// <summary>
    /// The text PostgreSQL reads as a number without error: a JSON number (as SQLite's <c>json_valid</c> accepts) whose
    /// size cannot overflow or underflow double precision (at most 100 digits each side of the point, a 2-digit exponent).
    /// </summary>
    private const string PostgresNumberPattern = "^[[:space:]]*-?(0|[1-9][0-9]{0,99})([.][0-9]{1,100})?([eE][-+]?[0-9]{1,2})?[[:space:]]*$";

    private readonly SqlDialect _dialect;
    private readonly SqlParameterSink _parameters;

    public FilterSqlWriter(SqlDialect dialect, SqlParameterSink parameters)
    {
        if (!Enum.IsDefined(dialect))
        {
            throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "Unknown SQL dialect.");
        }

        ArgumentNullException.ThrowIfNull(parameters);
        _dialect = dialect;
        _parameters = parameters;
    }

    public string Write(FilterExpression expression) => expression switch
    {
        OrExpression or => $"{Group(or.Left, or.Precedence)} OR {Group(or.Right, or.Precedence + 1)}",
        AndExpression and => $"{Group(and.Left, and.Precedence)} AND {Group(and.Right, and.Precedence + 1)}",
        NotExpression not => $"NOT ({Write(not.Operand)})",
        ComparisonExpression comparison => Condition(
            comparison.Field,
            comparison.Value is NumberLiteral,
            value => $"{value} {ComparisonExpression.Symbol(comparison.Operator)} {Literal(comparison.Field, comparison.Value)}"),
        InExpression @in => Condition(
            @in.Field,
            @in.Values[0] is NumberLiteral,
            value => $"{value} {(@in.Negated ? "NOT IN" : "IN")} ({string.Join(", ", @in.Values.Select(v => Literal(@in.Field, v)))})"),
        LikeExpression like => Condition(like.Field, numeric: false, value => Like(value, like)),
        NullCheckExpression check => NullCheck(check),
        _ => throw new ArgumentException($"Unknown filter node {expression.GetType().Name}.", nameof(expression)),
    };

    public string WriteOrder(IReadOnlyList<RunOrderTerm> terms)
    {
        var keys = new List<string>();
        foreach (var term in terms)
        {
            var direction = term.Descending ? "DESC" : "ASC";
            var field = term.Field;
            switch (field.Kind)
            {
                case FilterFieldKind.Attribute:
                    keys.Add($"{Attribute(field)} {direction} NULLS LAST");
                    break;
                case FilterFieldKind.Metric:
                    keys.Add($"{Lookup(field, _parameters.Add(field.Key), "MAX(m.value)")} {direction} NULLS LAST");
                    break;
                default:
                    // Numbers in numeric order, then other text in text order, then runs without the key.
                    var key = _parameters.Add(field.Key);
                    var alias = Alias(field);
                    keys.Add($"{Lookup(field, key, $"MAX({Numeric(alias + ".value")})")} {direction} NULLS LAST");
                    keys.Add($"{Lookup(field, key, $"MAX({alias}.value)")} {direction} NULLS LAST");
                    break;
            }
        }

        // A unique last key makes the order total, so pages and repeated listings agree.
        if (!terms.Any(t => t.Field is { Kind: FilterFieldKind.Attribute, Key: "id" }))
        {
            keys.Add("r.id ASC");
        }

        return string.Join(", ", keys);
    }

    private string Group(FilterExpression child, int minimum) =>
        child.Precedence < minimum ? $"({Write(child)})" : Write(child);

    /// <summary>
    /// A condition on a field's value: for an attribute the predicate on its column (false when the column is NULL, so
    /// NOT keeps two-valued logic), for a key an EXISTS over the run's row with that key.
    /// </summary>
    private string Condition(FilterField field, bool numeric, Func<string, string> predicate)
    {
        if (field.Kind == FilterFieldKind.Attribute)
        {
            var value = Attribute(field);
            return RunAttribute.Of(field).Nullable
                ? $"({value} IS NOT NULL AND {predicate(value)})"
                : predicate(value);
        }

        var key = _parameters.Add(field.Key);
        var column = Alias(field) + ".value";
        return Exists(field, key, predicate(numeric && field.Kind != FilterFieldKind.Metric ? Numeric(column) : column));
    }

    private string NullCheck(NullCheckExpression check)
    {
        if (check.Field.Kind == FilterFieldKind.Attribute)
        {
            return $"{Attribute(check.Field)} IS {(check.Negated ? "NOT " : string.Empty)}NULL";
        }

        var exists = Exists(check.Field, _parameters.Add(check.Field.Key), $"{Alias(check.Field)}.value IS NOT NULL");
        return check.Negated ? exists : "NOT " + exists;
    }

    private static string Exists(FilterField field, string key, string predicate)
    {
        var alias = Alias(field);
        return $"EXISTS (SELECT 1 FROM {Table(field)} {alias} WHERE {alias}.run_id = r.id AND {alias}.key = {key} AND {predicate})";
    }

    private static string Lookup(FilterField field, string key, string selected)
    {
        var alias = Alias(field);
        return $"(SELECT {selected} FROM {Table(field)} {alias} WHERE {alias}.run_id = r.id AND {alias}.key = {key})";
    }

    private static string Table(FilterField field) => field.Kind switch
    {
        FilterFieldKind.Metric => "run_latest_metrics",
        FilterFieldKind.Param => "run_params",
        _ => "run_tags",
    };

    private static string Alias(FilterField field) => field.Kind switch
    {
        FilterFieldKind.Metric => "m",
        FilterFieldKind.Param => "p",
        _ => "t",
    };

    /// <summary>An attribute's column; SQLite's ISO-8601 text times through <c>julianday</c> so any offset or precision compares right.</summary>
    private string Attribute(FilterField field)
    {
        var attribute = RunAttribute.Of(field);
        return attribute.Type == RunValueType.Time && _dialect == SqlDialect.Sqlite
            ? $"julianday(r.{attribute.Name})"
            : $"r.{attribute.Name}";
    }

    private string Literal(FilterField field, FilterLiteral literal)
    {
        if (literal is NumberLiteral number)
        {
            return _parameters.Add(number.Value);
        }

        var text = ((StringLiteral)literal).Value;
        if (field.Kind == FilterFieldKind.Attribute && RunAttribute.Of(field).Type == RunValueType.Time)
        {
            var name = _parameters.Add(FilterTime.Normalize(text));
            return _dialect == SqlDialect.Sqlite ? $"julianday({name})" : $"CAST({name} AS timestamptz)";
        }

        return _parameters.Add(text);
    }

    /// <summary>
    /// Text as a number, NULL (never an error) when it is not one. SQLite's CAST would read 'abc' as 0 and '12abc' as 12,
    /// so only text that is a JSON number is cast; PostgreSQL's cast throws on bad text, so a pattern guards it.
    /// </summary>
    private string Numeric(string column) => _dialect == SqlDialect.Sqlite
        ? $"CASE WHEN json_valid({column}) THEN CASE WHEN json_type({column}) IN ('integer', 'real') THEN CAST({column} AS REAL) END END"
        : $"CASE WHEN {column} ~ '{PostgresNumberPattern}' THEN CAST({column} AS double precision) END";

    /// <summary>
    /// LIKE is case-sensitive in both dialects. SQLite's LIKE ignores ASCII case (and the pragma that changes that is
    /// global), so there the pattern is translated to the equivalent case-sensitive GLOB pattern. ILIKE is PostgreSQL's
    /// ILIKE and SQLite's LIKE, which folds ASCII letters only.
    /// </summary>
    private string Like(string value, LikeExpression like)
    {
        var not = like.Negated ? "NOT " : string.Empty;
        if (_dialect == SqlDialect.Sqlite && !like.IgnoreCase)
        {
            return $"{value} {not}GLOB {_parameters.Add(ToGlob(like.Pattern))}";
        }

        var keyword = like.IgnoreCase && _dialect == SqlDialect.Postgres ? "ILIKE" : "LIKE";
        return $@"{value} {not}{keyword} {_parameters.Add(like.Pattern)} ESCAPE '\'";
    }

    /// <summary>A LIKE pattern (<c>%</c>, <c>_</c>, backslash escape) as a GLOB pattern (<c>*</c>, <c>?</c>, GLOB's specials in brackets).</summary>
    internal static string ToGlob(string pattern)
    {
        var glob = new StringBuilder(pattern.Length + 8);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                // The parser rejects a pattern ending in a lone backslash.
                glob.Append(GlobLiteral(pattern[++i]));
            }
            else
            {
                glob.Append(c switch
                {
                    '%' => "*",
                    '_' => "?",
                    _ => GlobLiteral(c),
                });
            }
        }

        return glob.ToString();
    }

    private static string GlobLiteral(char c) => c switch
    {
        '*' => "[*]",
        '?' => "[?]",
        '[' => "[[]",
        _ => c.ToString(),
    };
}
