namespace Sextant.Tracking.Filters;

/// <summary><c>Left OR Right</c>.</summary>
public sealed record OrExpression(FilterExpression Left, FilterExpression Right) : FilterExpression
{
    internal override int Precedence => OrPrecedence;

    /// <summary>The canonical text; a right operand that is itself an OR is parenthesised so the tree parses back as it is.</summary>
    public override string ToString() => $"{Group(Left, OrPrecedence)} OR {Group(Right, OrPrecedence + 1)}";
}
