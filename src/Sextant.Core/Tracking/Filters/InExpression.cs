namespace Sextant.Tracking.Filters;

/// <summary>
/// <c>Field [NOT] IN (v1, v2, ...)</c>: at least one value, all numbers or all strings. Like every condition it is false
/// for a run without a value for the field, with or without NOT.
/// </summary>
public sealed record InExpression(FilterField Field, bool Negated, IReadOnlyList<FilterLiteral> Values) : FilterExpression
{
    internal override int Precedence => ConditionPrecedence;

    /// <summary>Compares the values element by element (a record would compare the list references).</summary>
    public bool Equals(InExpression? other) =>
        other is not null && Field == other.Field && Negated == other.Negated && Values.SequenceEqual(other.Values);

    public override int GetHashCode()
    {
        var hash = HashCode.Combine(Field, Negated);
        foreach (var value in Values)
        {
            hash = HashCode.Combine(hash, value);
        }

        return hash;
    }

    /// <summary>The canonical text, e.g. <c>status IN ('FAILED', 'RUNNING')</c>.</summary>
    public override string ToString() => $"{Field} {(Negated ? "NOT IN" : "IN")} ({string.Join(", ", Values)})";
}
