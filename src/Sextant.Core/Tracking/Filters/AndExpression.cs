namespace Sextant.Tracking.Filters;

/// <summary><c>Left AND Right</c>; AND binds more tightly than OR.</summary>
public sealed record AndExpression(FilterExpression Left, FilterExpression Right) : FilterExpression
{
    internal override int Precedence => AndPrecedence;

    /// <summary>The canonical text; OR operands and a right operand that is itself an AND are parenthesised.</summary>
    public override string ToString() => $"{Group(Left, AndPrecedence)} AND {Group(Right, AndPrecedence + 1)}";
}
