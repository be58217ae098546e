namespace Sextant.Tracking.Filters;

/// <summary>
/// A token: <paramref name="Text"/> is the source text, <paramref name="Value"/> the decoded content of a quoted token
/// (the source text otherwise), <paramref name="Start"/> its 0-based offset.
/// </summary>
internal readonly record struct FilterToken(FilterTokenKind Kind, string Text, string Value, int Start)
{
    public int End => Start + Text.Length;

    public bool IsQuoted => Kind is FilterTokenKind.SingleQuoted or FilterTokenKind.DoubleQuoted or FilterTokenKind.BacktickQuoted;

    public bool IsKeyword(string keyword) => Kind == FilterTokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>Describes the token for "found ..." in error messages.</summary>
    public string Describe() => Kind switch
    {
        FilterTokenKind.End => "end of input",
        FilterTokenKind.Number => $"number {Text}",
        FilterTokenKind.SingleQuoted or FilterTokenKind.DoubleQuoted => $"string {Text}",
        FilterTokenKind.BacktickQuoted => $"quoted name {Text}",
        _ => $"'{Text}'",
    };
}
