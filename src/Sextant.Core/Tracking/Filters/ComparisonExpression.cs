namespace Sextant.Tracking.Filters;

/// <summary><c>Field Operator Value</c>, e.g. <c>metrics.rmse &lt; 300</c>; false for a run without a value for the field.</summary>
public sealed record ComparisonExpression(FilterField Field, ComparisonOperator Operator, FilterLiteral Value) : FilterExpression
{
    internal override int Precedence => ConditionPrecedence;

    /// <summary>The canonical text; <c>==</c> and <c>&lt;&gt;</c> become <c>=</c> and <c>!=</c>.</summary>
    public override string ToString() => $"{Field} {Symbol(Operator)} {Value}";

    internal static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.LessThan => "<",
        ComparisonOperator.LessThanOrEqual => "<=",
        ComparisonOperator.GreaterThan => ">",
        _ => ">=",
    };
}
