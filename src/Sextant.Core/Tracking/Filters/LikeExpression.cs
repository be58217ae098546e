namespace Sextant.Tracking.Filters;

/// <summary>
/// <c>Field [NOT] LIKE 'pattern'</c> (case-sensitive) or <c>Field [NOT] ILIKE 'pattern'</c> (case-insensitive): <c>%</c>
/// matches any run of characters, <c>_</c> one character, and a backslash makes the next character literal
/// (<c>'50\%'</c>). False for a run without a value for the field, with or without NOT.
/// </summary>
public sealed record LikeExpression(FilterField Field, bool Negated, bool IgnoreCase, string Pattern) : FilterExpression
{
    internal override int Precedence => ConditionPrecedence;

    /// <summary>The canonical text, e.g. <c>tags.team NOT ILIKE 'ml%'</c>.</summary>
    public override string ToString() =>
        $"{Field} {(Negated ? "NOT " : string.Empty)}{(IgnoreCase ? "ILIKE" : "LIKE")} {new StringLiteral(Pattern)}";
}
