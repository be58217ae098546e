namespace Sextant.Tracking.Filters;

/// <summary>
/// A run filter or order-by expression that cannot be parsed or does not type-check. The message names the 1-based column,
/// says what was expected and shows the expression with a caret under the column:
/// <code>
/// Invalid filter at column 15: expected a value after '&lt;', found end of input.
///   metrics.rmse &lt;
///                ^
/// </code>
/// </summary>
public sealed class FilterSyntaxException : SextantException
{
    /// <summary>Creates the error for a problem at a 1-based column of an expression.</summary>
    /// <param name="kind">What the expression is, for the message: <c>filter</c> or <c>order-by</c>.</param>
    /// <param name="expression">The expression as the user wrote it.</param>
    /// <param name="column">The 1-based column; one past the end for a problem at the end of input.</param>
    /// <param name="problem">What was expected and found, without a final period.</param>
    public FilterSyntaxException(string kind, string expression, int column, string problem)
        : base(Describe(kind, expression, column, problem))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(column, 1);
        Expression = expression;
        Column = column;
        Problem = problem;
    }

    public FilterSyntaxException()
    {
        Expression = string.Empty;
        Problem = string.Empty;
    }

    public FilterSyntaxException(string message)
        : base(message)
    {
        Expression = string.Empty;
        Problem = message;
    }

    public FilterSyntaxException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Expression = string.Empty;
        Problem = message;
    }

    /// <summary>Gets the expression as the user wrote it.</summary>
    public string Expression { get; }

    /// <summary>Gets the 1-based column of the problem; one past the end when the expression ended too early.</summary>
    public int Column { get; }

    /// <summary>Gets the problem without the position and the caret line, e.g. <c>expected a value after '&lt;', found end of input</c>.</summary>
    public string Problem { get; }

    private static string Describe(string kind, string expression, int column, string problem)
    {
        // Tabs and line breaks would break the caret's alignment; each stands for one column, so a space keeps it.
        var shown = string.Create(expression.Length, expression, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = char.IsWhiteSpace(text[i]) ? ' ' : text[i];
            }
        });
        return $"Invalid {kind} at column {column}: {problem}.\n  {shown}\n  {new string(' ', column - 1)}^";
    }
}
