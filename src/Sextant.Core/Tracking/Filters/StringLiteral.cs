namespace Sextant.Tracking.Filters;

/// <summary>A string literal; for <c>start_time</c> and <c>end_time</c> an ISO-8601 date or time.</summary>
public sealed record StringLiteral(string Value) : FilterLiteral
{
    /// <summary>The canonical text: single-quoted, a quote doubled.</summary>
    public override string ToString() => $"'{Value.Replace("'", "''", StringComparison.Ordinal)}'";
}
