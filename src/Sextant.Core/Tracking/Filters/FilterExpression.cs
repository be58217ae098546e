namespace Sextant.Tracking.Filters;

/// <summary>
/// A node of a parsed filter: <see cref="OrExpression"/>, <see cref="AndExpression"/>, <see cref="NotExpression"/> or a
/// condition on one field (<see cref="ComparisonExpression"/>, <see cref="InExpression"/>, <see cref="LikeExpression"/>,
/// <see cref="NullCheckExpression"/>). Immutable; <see cref="object.ToString"/> gives the canonical text, which parses back
/// to an equal tree.
/// </summary>
public abstract record FilterExpression
{
    private protected const int OrPrecedence = 1;
    private protected const int AndPrecedence = 2;
    private protected const int NotPrecedence = 3;
    private protected const int ConditionPrecedence = 4;

    /// <summary>How tightly the node binds: OR, then AND, then NOT, then conditions.</summary>
    internal abstract int Precedence { get; }

    /// <summary>The canonical text of <paramref name="child"/>, in parentheses when it binds less tightly than <paramref name="minimum"/>.</summary>
    private protected static string Group(FilterExpression child, int minimum) =>
        child.Precedence < minimum ? $"({child})" : child.ToString()!;
}
