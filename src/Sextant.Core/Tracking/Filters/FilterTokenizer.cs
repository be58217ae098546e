namespace Sextant.Tracking.Filters;

/// <summary>Splits a filter or order-by expression into tokens; the last token is always <see cref="FilterTokenKind.End"/>.</summary>
internal static class FilterTokenizer
{
    /// <summary>Characters a bare word may hold after its first letter: keys such as <c>val-loss</c>, <c>fold.1/auc</c>.</summary>
    public static bool IsWordPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '/';

    public static bool IsWordStart(char c) => char.IsLetter(c) || c == '_';

    public static List<FilterToken> Tokenize(string text, Func<int, string, FilterSyntaxException> error)
    {
        var tokens = new List<FilterToken>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                tokens.Add(new FilterToken(FilterTokenKind.End, string.Empty, string.Empty, i));
                return tokens;
            }

            var start = i;
            var c = text[i];
            if (IsWordStart(c))
            {
                while (i < text.Length && IsWordPart(text[i]))
                {
                    i++;
                }

                tokens.Add(Plain(FilterTokenKind.Word, text, start, i));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && IsDigitAt(text, i + 1)) || (c is '-' or '+' && (IsDigitAt(text, i + 1) || (At(text, i + 1) == '.' && IsDigitAt(text, i + 2)))))
            {
                i = ScanNumber(text, i);
                if (i < text.Length && IsWordPart(text[i]))
                {
                    while (i < text.Length && IsWordPart(text[i]))
                    {
                        i++;
                    }

                    throw error(start, $"'{text[start..i]}' is not a number");
                }

                tokens.Add(Plain(FilterTokenKind.Number, text, start, i));
            }
            else if (c is '\'' or '"' or '`')
            {
                var value = new System.Text.StringBuilder();
                i++;
                while (true)
                {
                    if (i == text.Length)
                    {
                        throw error(start, c == '`'
                            ? "unterminated quoted name; it needs a closing `"
                            : $"unterminated string; it needs a closing {c}");
                    }

                    if (text[i] == c)
                    {
                        if (At(text, i + 1) != c)
                        {
                            i++;
                            break;
                        }

                        i++;
                    }

                    value.Append(text[i]);
                    i++;
                }

                var kind = c switch
                {
                    '\'' => FilterTokenKind.SingleQuoted,
                    '"' => FilterTokenKind.DoubleQuoted,
                    _ => FilterTokenKind.BacktickQuoted,
                };
                tokens.Add(new FilterToken(kind, text[start..i], value.ToString(), start));
            }
            else if (c is '=' or '<' or '>' or '!')
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : string.Empty;
                var length = two is "==" or "!=" or "<>" or "<=" or ">=" ? 2 : 1;
                if (length == 1 && c == '!')
                {
                    throw error(start, "unexpected character '!'; the not-equal operator is != (or <>)");
                }

                i += length;
                tokens.Add(Plain(FilterTokenKind.Operator, text, start, i));
            }
            else if (c is '(' or ')' or ',')
            {
                i++;
                tokens.Add(Plain(c switch { '(' => FilterTokenKind.LeftParenthesis, ')' => FilterTokenKind.RightParenthesis, _ => FilterTokenKind.Comma }, text, start, i));
            }
            else
            {
                throw error(start, $"unexpected character '{c}'");
            }
        }
    }

    private static FilterToken Plain(FilterTokenKind kind, string text, int start, int end)
    {
        var source = text[start..end];
        return new FilterToken(kind, source, source, start);
    }

    private static char At(string text, int i) => i < text.Length ? text[i] : '\0';

    private static bool IsDigitAt(string text, int i) => char.IsAsciiDigit(At(text, i));

    private static int ScanNumber(string text, int i)
    {
        if (text[i] is '-' or '+')
        {
            i++;
        }

        while (IsDigitAt(text, i))
        {
            i++;
        }

        if (At(text, i) == '.' && IsDigitAt(text, i + 1))
        {
            i++;
            while (IsDigitAt(text, i))
            {
                i++;
            }
        }

        if (At(text, i) is 'e' or 'E')
        {
            var exponent = i + 1;
            if (At(text, exponent) is '-' or '+')
            {
                exponent++;
            }

            if (IsDigitAt(text, exponent))
            {
                i = exponent;
                while (IsDigitAt(text, i))
                {
                    i++;
                }
            }
        }

        return i;
    }
}
