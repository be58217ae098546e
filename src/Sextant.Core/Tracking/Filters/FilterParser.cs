using System.Globalization;

namespace Sextant.Tracking.Filters;

/// <summary>
/// The recursive-descent parser of the filter and order-by languages. It also type-checks each condition against its
/// field, so a parsed filter always translates to SQL.
/// </summary>
internal sealed class FilterParser
{
    private const string FieldForms = "fields are metrics.KEY, params.KEY, tags.KEY, attributes.NAME or a bare attribute NAME";
    private const string TimeExample = "'2024-05-01' or '2024-05-01T13:00:00Z'";

    private static readonly string[] s_keywords = ["AND", "OR", "NOT", "IN", "LIKE", "ILIKE", "IS", "NULL", "ASC", "DESC"];
    private static readonly string[] s_prefixes = ["metrics", "params", "tags", "attributes"];

    private readonly string _text;
    private readonly string _kind;
    private readonly List<FilterToken> _tokens;
    private int _index;

    private FilterParser(string text, string kind)
    {
        _text = text;
        _kind = kind;
        _tokens = FilterTokenizer.Tokenize(text, Error);
    }

    private FilterToken Peek => _tokens[_index];

    /// <summary>Parses a filter; <see langword="null"/> when it is empty or white space.</summary>
    public static FilterExpression? ParseFilter(string text)
    {
        var parser = new FilterParser(text, "filter");
        if (parser.Peek.Kind == FilterTokenKind.End)
        {
            return null;
        }

        var expression = parser.ParseOr(string.Empty);
        var next = parser.Peek;
        if (next.Kind == FilterTokenKind.RightParenthesis)
        {
            throw parser.Error(next.Start, "')' has no matching '('");
        }

        if (next.Kind != FilterTokenKind.End)
        {
            throw parser.Error(next.Start, $"expected AND, OR or end of input, found {next.Describe()}");
        }

        return expression;
    }

    /// <summary>Parses a comma-separated list of <c>field [ASC|DESC]</c>; empty when the text is empty or white space.</summary>
    public static IReadOnlyList<RunOrderTerm> ParseOrder(string text)
    {
        var parser = new FilterParser(text, "order-by");
        var terms = new List<RunOrderTerm>();
        if (parser.Peek.Kind == FilterTokenKind.End)
        {
            return terms;
        }

        var context = string.Empty;
        while (true)
        {
            var token = parser.Peek;
            if (token.Kind != FilterTokenKind.Word || IsKeyword(token))
            {
                throw parser.Error(token.Start, $"expected a field{context}, found {token.Describe()}");
            }

            var field = parser.ParseField();
            var descending = false;
            if (parser.Peek.IsKeyword("ASC") || parser.Peek.IsKeyword("DESC"))
            {
                descending = parser.Next().IsKeyword("DESC");
            }

            terms.Add(new RunOrderTerm(field, descending));
            var next = parser.Next();
            if (next.Kind == FilterTokenKind.End)
            {
                return terms;
            }

            if (next.Kind != FilterTokenKind.Comma)
            {
                throw parser.Error(next.Start, $"expected ASC, DESC, ',' or end of input, found {next.Describe()}");
            }

            context = " after ','";
        }
    }

    private static bool IsKeyword(FilterToken token) => s_keywords.Any(token.IsKeyword);

    private FilterToken Next() => _tokens[_index++];

    private FilterSyntaxException Error(int offset, string problem) => new(_kind, _text, offset + 1, problem);

    private FilterExpression ParseOr(string context)
    {
        var left = ParseAnd(context);
        while (Peek.IsKeyword("OR"))
        {
            Next();
            left = new OrExpression(left, ParseAnd(" after 'OR'"));
        }

        return left;
    }

    private FilterExpression ParseAnd(string context)
    {
        var left = ParseUnary(context);
        while (Peek.IsKeyword("AND"))
        {
            Next();
            left = new AndExpression(left, ParseUnary(" after 'AND'"));
        }

        return left;
    }

    private FilterExpression ParseUnary(string context)
    {
        if (Peek.IsKeyword("NOT"))
        {
            Next();
            return new NotExpression(ParseUnary(" after 'NOT'"));
        }

        var token = Peek;
        if (token.Kind == FilterTokenKind.LeftParenthesis)
        {
            var open = Next();
            var inner = ParseOr(" after '('");
            var close = Next();
            if (close.Kind != FilterTokenKind.RightParenthesis)
            {
                throw Error(close.Start, close.Kind == FilterTokenKind.End
                    ? $"expected ')' to close the '(' at column {open.Start + 1}, found end of input"
                    : $"expected AND, OR or ')', found {close.Describe()}");
            }

            return inner;
        }

        if (token.Kind != FilterTokenKind.Word || IsKeyword(token))
        {
            var hint = token.Kind is FilterTokenKind.SingleQuoted or FilterTokenKind.DoubleQuoted or FilterTokenKind.Number
                ? $"; a condition starts with a field ({FieldForms})"
                : string.Empty;
            throw Error(token.Start, $"expected a condition{context}, found {token.Describe()}{hint}");
        }

        return ParseCondition();
    }

    private FilterExpression ParseCondition()
    {
        var fieldStart = Peek.Start;
        var field = ParseField();
        var fieldText = _text[fieldStart.._tokens[_index - 1].End];
        var token = Next();
        if (token.Kind == FilterTokenKind.Operator)
        {
            var op = token.Text switch
            {
                "=" or "==" => ComparisonOperator.Equal,
                "!=" or "<>" => ComparisonOperator.NotEqual,
                "<" => ComparisonOperator.LessThan,
                "<=" => ComparisonOperator.LessThanOrEqual,
                ">" => ComparisonOperator.GreaterThan,
                _ => ComparisonOperator.GreaterThanOrEqual,
            };
            var value = ParseLiteral(field, fieldText, $"after '{token.Text}'");
            return new ComparisonExpression(field, op, value);
        }

        var operatorStart = token.Start;
        var negated = false;
        if (token.IsKeyword("NOT"))
        {
            negated = true;
            token = Next();
            if (!token.IsKeyword("IN") && !token.IsKeyword("LIKE") && !token.IsKeyword("ILIKE"))
            {
                throw Error(token.Start, $"expected IN, LIKE or ILIKE after 'NOT', found {token.Describe()}");
            }
        }

        if (token.IsKeyword("IN"))
        {
            return ParseIn(field, fieldText, negated);
        }

        if (token.IsKeyword("LIKE") || token.IsKeyword("ILIKE"))
        {
            return ParseLike(field, fieldText, negated, token, operatorStart);
        }

        if (token.IsKeyword("IS"))
        {
            var not = Peek.IsKeyword("NOT");
            if (not)
            {
                Next();
            }

            var expected = Next();
            if (!expected.IsKeyword("NULL"))
            {
                throw Error(expected.Start, $"expected {(not ? string.Empty : "NOT or ")}NULL after '{(not ? "IS NOT" : "IS")}', found {expected.Describe()}");
            }

            return new NullCheckExpression(field, not);
        }

        throw Error(token.Start, $"expected an operator after {fieldText} (=, !=, <, <=, >, >=, IN, NOT IN, LIKE, ILIKE, IS NULL, IS NOT NULL), found {token.Describe()}");
    }

    private InExpression ParseIn(FilterField field, string fieldText, bool negated)
    {
        var keyword = negated ? "NOT IN" : "IN";
        var open = Next();
        if (open.Kind != FilterTokenKind.LeftParenthesis)
        {
            throw Error(open.Start, $"expected '(' after '{keyword}', found {open.Describe()}");
        }

        if (Peek.Kind == FilterTokenKind.RightParenthesis)
        {
            throw Error(Peek.Start, $"an {keyword} list needs at least one value, found ')'");
        }

        var values = new List<FilterLiteral>();
        var first = Peek;
        while (true)
        {
            var token = Peek;
            var value = ParseLiteral(field, fieldText, values.Count == 0 ? "in the IN list" : "after ','");
            if (values.Count > 0 && value.GetType() != values[0].GetType())
            {
                throw Error(token.Start, $"an IN list holds only numbers or only strings; {first.Describe()} and {token.Describe()} are mixed");
            }

            values.Add(value);
            var next = Next();
            if (next.Kind == FilterTokenKind.RightParenthesis)
            {
                return new InExpression(field, negated, values);
            }

            if (next.Kind != FilterTokenKind.Comma)
            {
                throw Error(next.Start, next.Kind == FilterTokenKind.End
                    ? $"expected ',' or ')' to close the '(' at column {open.Start + 1}, found end of input"
                    : $"expected ',' or ')' in the IN list, found {next.Describe()}");
            }
        }
    }

    private LikeExpression ParseLike(FilterField field, string fieldText, bool negated, FilterToken keyword, int operatorStart)
    {
        var operatorText = (negated ? "NOT " : string.Empty) + keyword.Text.ToUpperInvariant();
        var type = TypeOf(field);
        if (type is not (null or RunValueType.Text))
        {
            throw Error(operatorStart, $"{operatorText} needs a text field; {fieldText} is {Describe(field, type.Value)}");
        }

        var pattern = Next();
        if (pattern.Kind is not (FilterTokenKind.SingleQuoted or FilterTokenKind.DoubleQuoted))
        {
            throw Error(pattern.Start, $"expected a quoted pattern after '{operatorText}', such as 'xgb%', found {pattern.Describe()}");
        }

        for (var i = 0; i < pattern.Value.Length; i++)
        {
            if (pattern.Value[i] == '\\' && ++i == pattern.Value.Length)
            {
                throw Error(pattern.Start, @"the pattern ends with the escape character \; write \\ for a backslash");
            }
        }

        return new LikeExpression(field, negated, keyword.IsKeyword("ILIKE"), pattern.Value);
    }

    private FilterLiteral ParseLiteral(FilterField field, string fieldText, string where)
    {
        var token = Next();
        FilterLiteral literal;
        switch (token.Kind)
        {
            case FilterTokenKind.Number:
                var number = double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (!double.IsFinite(number))
                {
                    throw Error(token.Start, $"{token.Text} is out of range");
                }

                literal = new NumberLiteral(number);
                break;
            case FilterTokenKind.SingleQuoted or FilterTokenKind.DoubleQuoted:
                literal = new StringLiteral(token.Value);
                break;
            case FilterTokenKind.Word when token.IsKeyword("NULL"):
                throw Error(token.Start, $"a comparison with NULL is never true; write {fieldText} IS NULL or {fieldText} IS NOT NULL");
            case FilterTokenKind.Word:
                throw Error(token.Start, $"expected a value {where}, found {token.Describe()}; quote text, as in '{token.Text}'");
            case FilterTokenKind.BacktickQuoted:
                throw Error(token.Start, $"expected a value {where}, found {token.Describe()}; backticks quote keys, single quotes quote strings");
            default:
                throw Error(token.Start, $"expected a value {where}, found {token.Describe()}");
        }

        return Check(field, fieldText, literal, token);
    }

    /// <summary>Checks a literal against the field's type; returns it, a status in upper case.</summary>
    private FilterLiteral Check(FilterField field, string fieldText, FilterLiteral literal, FilterToken token)
    {
        var type = TypeOf(field);
        switch (type, literal)
        {
            case (null, _):
            case (RunValueType.Number, NumberLiteral):
                return literal;
            case (RunValueType.Number, _):
                throw Error(token.Start, $"{fieldText} is {Describe(field, type.Value)}: compare it with a number, not {token.Describe()}");
            case (RunValueType.Text, NumberLiteral):
                throw Error(token.Start, $"{fieldText} is text: quote the value, as in {fieldText} = '{token.Text}'");
            case (RunValueType.Time, NumberLiteral):
                throw Error(token.Start, $"{fieldText} is a time: compare it with a quoted ISO-8601 date or time such as {TimeExample}");
            case (RunValueType.Time, StringLiteral text) when !FilterTime.TryParse(text.Value, out _):
                throw Error(token.Start, $"{token.Text} is not an ISO-8601 date or time; write e.g. {TimeExample} (UTC unless an offset is given)");
        }

        if (field.Kind == FilterFieldKind.Attribute && RunAttribute.Of(field).Values is { } allowed)
        {
            var text = ((StringLiteral)literal).Value;
            var match = allowed.FirstOrDefault(v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase))
                ?? throw Error(token.Start, $"{fieldText} is one of {string.Join(", ", allowed)}; found {token.Describe()}");
            return new StringLiteral(match);
        }

        return literal;
    }

    private static RunValueType? TypeOf(FilterField field) => field.Kind switch
    {
        FilterFieldKind.Attribute => RunAttribute.Of(field).Type,
        FilterFieldKind.Metric => RunValueType.Number,
        _ => null,
    };

    private static string Describe(FilterField field, RunValueType type) => (field.Kind, type) switch
    {
        (FilterFieldKind.Metric, _) => "a metric, a number",
        (_, RunValueType.Number) => "a number",
        (_, RunValueType.Time) => "a time",
        _ => "text",
    };

    /// <summary>Reads a field: a bare attribute, <c>attributes.NAME</c>, or a prefix and a bare or quoted key.</summary>
    private FilterField ParseField()
    {
        var word = Next();
        var dot = word.Text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return Attribute(word.Text, word.Start, $"; metrics, parameters and tags need a prefix, as in metrics.{word.Text}");
        }

        var prefix = word.Text[..dot];
        var key = word.Text[(dot + 1)..];
        var kind = prefix.ToLowerInvariant() switch
        {
            "metrics" => FilterFieldKind.Metric,
            "params" => FilterFieldKind.Param,
            "tags" => FilterFieldKind.Tag,
            "attributes" => FilterFieldKind.Attribute,
            _ => throw Error(word.Start, UnknownPrefix(prefix)),
        };

        var keyStart = word.Start + dot + 1;
        if (key.Length == 0)
        {
            var quoted = Peek;
            if (quoted.Kind is not (FilterTokenKind.BacktickQuoted or FilterTokenKind.DoubleQuoted) || quoted.Start != word.End)
            {
                throw Error(word.End, $"expected a {Noun(kind)} after '{word.Text}', found {(quoted.Start == word.End ? quoted.Describe() : "a space")}; quote a name with spaces, as in {prefix}.`val loss`");
            }

            Next();
            if (quoted.Value.Length == 0)
            {
                throw Error(quoted.Start, $"a {Noun(kind)} cannot be empty");
            }

            key = quoted.Value;
            keyStart = quoted.Start;
        }

        return kind == FilterFieldKind.Attribute
            ? Attribute(key, keyStart, string.Empty)
            : new FilterField(kind, key);
    }

    private FilterField Attribute(string name, int start, string hint) =>
        RunAttribute.Find(name) is { } attribute
            ? new FilterField(FilterFieldKind.Attribute, attribute.Name)
            : throw Error(start, $"unknown attribute '{name}'; attributes are {RunAttribute.Names}{hint}");

    private static string Noun(FilterFieldKind kind) => kind switch
    {
        FilterFieldKind.Metric => "metric name",
        FilterFieldKind.Param => "parameter name",
        FilterFieldKind.Tag => "tag name",
        _ => "attribute name",
    };

    private static string UnknownPrefix(string prefix)
    {
        var lower = prefix.ToLowerInvariant();
        var guess = s_prefixes.FirstOrDefault(p => p == lower + "s" || p == lower + "es" || p.StartsWith(lower, StringComparison.Ordinal))
            ?? s_prefixes.FirstOrDefault(p => Distance(p, lower) <= 2);
        return guess is null
            ? $"unknown prefix '{prefix}.'; {FieldForms}"
            : $"unknown prefix '{prefix}.'; did you mean '{guess}.'?";
    }

    /// <summary>The Levenshtein distance, for suggesting a prefix.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
