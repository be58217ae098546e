namespace Sextant.Tracking.Filters;

/// <summary>The kinds of token of the filter and order-by languages.</summary>
internal enum FilterTokenKind
{
    /// <summary>A bare word: a keyword, an attribute name or a prefixed field such as <c>metrics.rmse</c>.</summary>
    Word,

    /// <summary>A number such as <c>300</c>, <c>-1.5</c> or <c>1e-3</c>.</summary>
    Number,

    /// <summary>A single-quoted string; <c>''</c> stands for one quote.</summary>
    SingleQuoted,

    /// <summary>A double-quoted text: a key after a prefix, a string elsewhere; <c>""</c> stands for one quote.</summary>
    DoubleQuoted,

    /// <summary>A backtick-quoted key; <c>``</c> stands for one backtick.</summary>
    BacktickQuoted,

    /// <summary>A comparison operator: <c>= == != &lt;&gt; &lt; &lt;= &gt; &gt;=</c>.</summary>
    Operator,

    /// <summary><c>(</c></summary>
    LeftParenthesis,

    /// <summary><c>)</c></summary>
    RightParenthesis,

    /// <summary><c>,</c></summary>
    Comma,

    /// <summary>The end of the expression.</summary>
    End,
}
