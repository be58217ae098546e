namespace Sextant.Tracking.Filters;

/// <summary>
/// <c>NOT Operand</c>. Conditions are two-valued: a run lacking a metric fails <c>metrics.rmse &lt; 300</c>, so it
/// matches <c>NOT metrics.rmse &lt; 300</c>.
/// </summary>
public sealed record NotExpression(FilterExpression Operand) : FilterExpression
{
    internal override int Precedence => NotPrecedence;

    /// <summary>The canonical text, e.g. <c>NOT status = 'FAILED'</c> or <c>NOT (a OR b)</c>.</summary>
    public override string ToString() => $"NOT {Group(Operand, NotPrecedence)}";
}
