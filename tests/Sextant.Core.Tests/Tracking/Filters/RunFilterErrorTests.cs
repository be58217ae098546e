using Sextant.Tracking.Filters;

namespace Sextant.Core.Tests.Tracking.Filters;

public class RunFilterErrorTests
{
    private static FilterSyntaxException Fails(string text) => Assert.Throws<FilterSyntaxException>(() => RunFilter.Parse(text));

    [Fact]
    public void Message_NamesTheColumnAndPutsACaretUnderIt()
    {
        var error = Fails("metrics.rmse <");
        Assert.Equal(15, error.Column);
        Assert.Equal("metrics.rmse <", error.Expression);
        Assert.Equal(
            "Invalid filter at column 15: expected a value after '<', found end of input.\n  metrics.rmse <\n                ^",
            error.Message);
        Assert.IsAssignableFrom<SextantException>(error);
    }

    [Fact]
    public void Message_CaretStaysAlignedPastTabsAndLineBreaks()
    {
        var error = Fails("name = 'A'\n\tAND");
        Assert.EndsWith("\n  name = 'A'  AND\n" + new string(' ', 17) + "^", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name = 'abc", 8, "unterminated string; it needs a closing '")]
    [InlineData("name = 'it''s", 8, "unterminated string; it needs a closing '")]
    [InlineData("name = \"abc", 8, "unterminated string; it needs a closing \"")]
    [InlineData("metrics.`val loss < 3", 9, "unterminated quoted name; it needs a closing `")]
    public void Unterminated_StringsAndQuotedNames(string text, int column, string problem) => AssertError(text, column, problem);

    [Theory]
    [InlineData("metric.rmse < 3", 1, "unknown prefix 'metric.'; did you mean 'metrics.'?")]
    [InlineData("param.depth = 3", 1, "unknown prefix 'param.'; did you mean 'params.'?")]
    [InlineData("name = 'x' AND tag.team = 'ml'", 16, "unknown prefix 'tag.'; did you mean 'tags.'?")]
    [InlineData("metircs.rmse < 3", 1, "unknown prefix 'metircs.'; did you mean 'metrics.'?")]
    [InlineData("attribute.status = 'FAILED'", 1, "unknown prefix 'attribute.'; did you mean 'attributes.'?")]
    [InlineData("foo.bar = 1", 1, "unknown prefix 'foo.'; fields are metrics.KEY, params.KEY, tags.KEY, attributes.NAME or a bare attribute NAME")]
    public void UnknownPrefix_SuggestsTheNearestOne(string text, int column, string problem) => AssertError(text, column, problem);

    [Theory]
    [InlineData("rmse < 3", 1, "unknown attribute 'rmse'; attributes are id (or run_id), name, status, start_time, end_time, duration_ms, dataset_fingerprint, dataset_version, learner, model_version; metrics, parameters and tags need a prefix, as in metrics.rmse")]
    [InlineData("attributes.colour = 'red'", 12, "unknown attribute 'colour'; attributes are id (or run_id), name, status, start_time, end_time, duration_ms, dataset_fingerprint, dataset_version, learner, model_version")]
    public void UnknownAttribute_ListsTheAllowedOnes(string text, int column, string problem) => AssertError(text, column, problem);

    [Theory]
    [InlineData("status IN ()", 12, "an IN list needs at least one value, found ')'")]
    [InlineData("status NOT IN ( )", 17, "an NOT IN list needs at least one value, found ')'")]
    [InlineData("name IN 'A'", 9, "expected '(' after 'IN', found string 'A'")]
    [InlineData("name IN ('A',)", 14, "expected a value after ',', found ')'")]
    [InlineData("name IN ('A' 'B')", 14, "expected ',' or ')' in the IN list, found string 'B'")]
    [InlineData("name IN ('A'", 13, "expected ',' or ')' to close the '(' at column 9, found end of input")]
    [InlineData("params.x IN (1, 'a')", 17, "an IN list holds only numbers or only strings; number 1 and string 'a' are mixed")]
    public void InList_Problems(string text, int column, string problem) => AssertError(text, column, problem);

    [Theory]
    [InlineData("status = 'FAILED' AND", 22, "expected a condition after 'AND', found end of input")]
    [InlineData("status = 'FAILED' OR", 21, "expected a condition after 'OR', found end of input")]
    [InlineData("AND status = 'FAILED'", 1, "expected a condition, found 'AND'")]
    [InlineData("status = 'FAILED' AND OR status = 'RUNNING'", 23, "expected a condition after 'AND', found 'OR'")]
    [InlineData("NOT", 4, "expected a condition after 'NOT', found end of input")]
    public void Dangling_AndOrNot(string text, int column, string problem) => AssertError(text, column, problem);

    [Theory]
    [InlineData("(status = 'FAILED'", 19, "expected ')' to close the '(' at column 1, found end of input")]
    [InlineData("((status = 'FAILED')", 21, "expected ')' to close the '(' at column 1, found end of input")]
    [InlineData("status = 'FAILED')", 18, "')' has no matching '('")]
    [InlineData("()", 2, "expected a condition after '(', found ')'")]
    [InlineData("(status = 'FAILED' name = 'x')", 20, "expected AND, OR or ')', found 'name'")]
    public void Unbalanced_Parentheses(string text, int column, string problem) => AssertError(text, column, problem);

    [Theory]
    [InlineData("status = 'FAILED' 'x'", 19, "expected AND, OR or end of input, found string 'x'")]
    [InlineData("status = 'FAILED' name = 'x'", 19, "expected AND, OR or end of input, found 'name'")]
    [InlineData("metrics.rmse < 3 4", 18, "expected AND, OR or end of input, found number 4")]
    public void TrailingTokens(string text, int column, string problem) => AssertError(text, column, problem);

    [Theory]
    [InlineData("metrics.rmse < 'low'", 16, "metrics.rmse is a metric, a number: compare it with a number, not string 'low'")]
    [InlineData("metrics.rmse LIKE '1%'", 14, "LIKE needs a text field; metrics.rmse is a metric, a number")]
    [InlineData("duration_ms > '5'", 15, "duration_ms is a number: compare it with a number, not string '5'")]
    [InlineData("start_time not like '2024%'", 12, "NOT LIKE needs a text field; start_time is a time")]
    [InlineData("learner = 42", 11, "learner is text: quote the value, as in learner = '42'")]
    [InlineData("start_time > 2024", 14, "start_time is a time: compare it with a quoted ISO-8601 date or time such as '2024-05-01' or '2024-05-01T13:00:00Z'")]
    [InlineData("start_time > 'yesterday'", 14, "'yesterday' is not an ISO-8601 date or time; write e.g. '2024-05-01' or '2024-05-01T13:00:00Z' (UTC unless an offset is given)")]
    [InlineData("end_time < '05/01/2024'", 12, "'05/01/2024' is not an ISO-8601 date or time; write e.g. '2024-05-01' or '2024-05-01T13:00:00Z' (UTC unless an offset is given)")]
    [InlineData("status = 'DONE'", 10, "status is one of RUNNING, FINISHED, FAILED; found string 'DONE'")]
    [InlineData("status IN ('FAILED', 'done')", 22, "status is one of RUNNING, FINISHED, FAILED; found string 'done'")]
    public void Types_ValuesMustSuitTheField(string text, int column, string problem) => AssertError(text, column, problem);

    [Theory]
    [InlineData("status = FAILED", 10, "expected a value after '=', found 'FAILED'; quote text, as in 'FAILED'")]
    [InlineData("model_version = NULL", 17, "a comparison with NULL is never true; write model_version IS NULL or model_version IS NOT NULL")]
    [InlineData("name = `x`", 8, "expected a value after '=', found quoted name `x`; backticks quote keys, single quotes quote strings")]
    [InlineData("metrics.rmse 300", 14, "expected an operator after metrics.rmse (=, !=, <, <=, >, >=, IN, NOT IN, LIKE, ILIKE, IS NULL, IS NOT NULL), found number 300")]
    [InlineData("metrics.rmse NOT 3", 18, "expected IN, LIKE or ILIKE after 'NOT', found number 3")]
    [InlineData("metrics.rmse IS 3", 17, "expected NOT or NULL after 'IS', found number 3")]
    [InlineData("metrics.rmse IS NOT 3", 21, "expected NULL after 'IS NOT', found number 3")]
    [InlineData("name LIKE x", 11, "expected a quoted pattern after 'LIKE', such as 'xgb%', found 'x'")]
    [InlineData(@"name LIKE 'ab\'", 11, @"the pattern ends with the escape character \; write \\ for a backslash")]
    [InlineData("metrics. < 3", 9, "expected a metric name after 'metrics.', found a space; quote a name with spaces, as in metrics.`val loss`")]
    [InlineData("params.``= 3", 8, "a parameter name cannot be empty")]
    [InlineData("'FAILED' = status", 1, "expected a condition, found string 'FAILED'; a condition starts with a field (fields are metrics.KEY, params.KEY, tags.KEY, attributes.NAME or a bare attribute NAME)")]
    public void Values_OperatorsAndKeys(string text, int column, string problem) => AssertError(text, column, problem);

    [Theory]
    [InlineData("name = 'a'; DROP TABLE runs", 11, "unexpected character ';'")]
    [InlineData("metrics.rmse ! 3", 14, "unexpected character '!'; the not-equal operator is != (or <>)")]
    [InlineData("metrics.rmse < 3abc", 16, "'3abc' is not a number")]
    [InlineData("metrics.rmse < 1.2.3", 16, "'1.2.3' is not a number")]
    [InlineData("metrics.rmse < 1e999", 16, "1e999 is out of range")]
    public void Characters_AndNumbers(string text, int column, string problem) => AssertError(text, column, problem);

    [Fact]
    public void Order_ErrorsSayOrderBy()
    {
        var error = Assert.Throws<FilterSyntaxException>(() => RunOrder.Parse("metrics.rmse UP"));
        Assert.StartsWith("Invalid order-by at column 14: expected ASC, DESC, ',' or end of input, found 'UP'.", error.Message, StringComparison.Ordinal);
        Assert.Equal(
            "expected a field after ',', found end of input",
            Assert.Throws<FilterSyntaxException>(() => RunOrder.Parse("start_time DESC,")).Problem);
        Assert.Equal(
            "expected a field, found ','",
            Assert.Throws<FilterSyntaxException>(() => RunOrder.Parse(", start_time")).Problem);
        Assert.Equal(
            "unknown prefix 'metric.'; did you mean 'metrics.'?",
            Assert.Throws<FilterSyntaxException>(() => RunOrder.Parse("metric.rmse")).Problem);
    }

    private static void AssertError(string text, int column, string problem)
    {
        var error = Fails(text);
        Assert.Equal(problem, error.Problem);
        Assert.Equal(column, error.Column);
        Assert.StartsWith($"Invalid filter at column {column}: {problem}.", error.Message, StringComparison.Ordinal);
    }
}
