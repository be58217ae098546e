namespace Sextant.Tracking.Filters;

/// <summary>
/// <c>Field IS NULL</c> (the run has no value: a metric, parameter or tag it never recorded, or an empty attribute such
/// as <c>end_time</c> of a running run) or <c>Field IS NOT NULL</c>.
/// </summary>
public sealed record NullCheckExpression(FilterField Field, bool Negated) : FilterExpression
{
    internal override int Precedence => ConditionPrecedence;

    /// <summary>The canonical text, e.g. <c>metrics.auc IS NOT NULL</c>.</summary>
    public override string ToString() => $"{Field} IS {(Negated ? "NOT " : string.Empty)}NULL";
}
