using Sextant.Tracking.Filters;

namespace Sextant.Core.Tests.Tracking.Filters;

public class RunFilterParseTests
{
    private static readonly FilterField s_rmse = new(FilterFieldKind.Metric, "rmse");
    private static readonly FilterField s_status = new(FilterFieldKind.Attribute, "status");

    private static ComparisonExpression Rmse(ComparisonOperator op, double value) => new(s_rmse, op, new NumberLiteral(value));

    private static ComparisonExpression Status(string value) => new(s_status, ComparisonOperator.Equal, new StringLiteral(value));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Parse_EmptyOrWhiteSpace_MatchesEverything(string text)
    {
        var filter = RunFilter.Parse(text);
        Assert.True(filter.IsEmpty);
        Assert.Null(filter.Expression);
        Assert.Equal(string.Empty, filter.ToString());
    }

    [Fact]
    public void Parse_AndBindsTighterThanOr()
    {
        var filter = RunFilter.Parse("metrics.rmse < 1 OR metrics.rmse > 5 AND status = 'FAILED'");
        var expected = new OrExpression(
            Rmse(ComparisonOperator.LessThan, 1),
            new AndExpression(Rmse(ComparisonOperator.GreaterThan, 5), Status("FAILED")));
        Assert.Equal(expected, filter.Expression);
        Assert.Equal("metrics.rmse < 1 OR metrics.rmse > 5 AND status = 'FAILED'", filter.ToString());
    }

    [Fact]
    public void Parse_ParenthesesOverridePrecedenceAndStayInTheCanonicalForm()
    {
        var filter = RunFilter.Parse("(metrics.rmse < 1 or metrics.rmse > 5) and status = 'failed'");
        var expected = new AndExpression(
            new OrExpression(Rmse(ComparisonOperator.LessThan, 1), Rmse(ComparisonOperator.GreaterThan, 5)),
            Status("FAILED"));
        Assert.Equal(expected, filter.Expression);
        Assert.Equal("(metrics.rmse < 1 OR metrics.rmse > 5) AND status = 'FAILED'", filter.ToString());
    }

    [Fact]
    public void Parse_AndOrAreLeftAssociative()
    {
        var filter = RunFilter.Parse("status = 'RUNNING' OR status = 'FAILED' OR status = 'FINISHED'");
        var expected = new OrExpression(new OrExpression(Status("RUNNING"), Status("FAILED")), Status("FINISHED"));
        Assert.Equal(expected, filter.Expression);
    }

    [Fact]
    public void Parse_NotBindsTighterThanAnd()
    {
        var filter = RunFilter.Parse("NOT metrics.rmse < 3 AND status = 'FAILED'");
        Assert.Equal(new AndExpression(new NotExpression(Rmse(ComparisonOperator.LessThan, 3)), Status("FAILED")), filter.Expression);
        Assert.Equal("NOT metrics.rmse < 3 AND status = 'FAILED'", filter.ToString());

        var grouped = RunFilter.Parse("not (metrics.rmse < 3 AND status = 'FAILED')");
        Assert.Equal(new NotExpression(new AndExpression(Rmse(ComparisonOperator.LessThan, 3), Status("FAILED"))), grouped.Expression);
        Assert.Equal("NOT (metrics.rmse < 3 AND status = 'FAILED')", grouped.ToString());

        Assert.Equal(new NotExpression(new NotExpression(Status("FAILED"))), RunFilter.Parse("NOT NOT status = 'FAILED'").Expression);
    }

    [Theory]
    [InlineData("metrics.rmse = 1", ComparisonOperator.Equal)]
    [InlineData("metrics.rmse == 1", ComparisonOperator.Equal)]
    [InlineData("metrics.rmse != 1", ComparisonOperator.NotEqual)]
    [InlineData("metrics.rmse <> 1", ComparisonOperator.NotEqual)]
    [InlineData("metrics.rmse < 1", ComparisonOperator.LessThan)]
    [InlineData("metrics.rmse <= 1", ComparisonOperator.LessThanOrEqual)]
    [InlineData("metrics.rmse > 1", ComparisonOperator.GreaterThan)]
    [InlineData("metrics.rmse>=1", ComparisonOperator.GreaterThanOrEqual)]
    public void Parse_EveryOperator(string text, ComparisonOperator op)
    {
        Assert.Equal(Rmse(op, 1), RunFilter.Parse(text).Expression);
    }

    [Theory]
    [InlineData("metrics.x = -1.5", -1.5)]
    [InlineData("metrics.x = +2", 2.0)]
    [InlineData("metrics.x = .25", 0.25)]
    [InlineData("metrics.x = 1e-3", 0.001)]
    [InlineData("metrics.x = 2.5E+2", 250.0)]
    public void Parse_Numbers(string text, double value)
    {
        var comparison = Assert.IsType<ComparisonExpression>(RunFilter.Parse(text).Expression);
        Assert.Equal(new NumberLiteral(value), comparison.Value);
    }

    [Fact]
    public void Parse_InAndNotIn()
    {
        var filter = RunFilter.Parse("status IN ('failed', 'RUNNING') AND params.depth not in (3, 4)");
        var expected = new AndExpression(
            new InExpression(s_status, false, [new StringLiteral("FAILED"), new StringLiteral("RUNNING")]),
            new InExpression(new FilterField(FilterFieldKind.Param, "depth"), true, [new NumberLiteral(3), new NumberLiteral(4)]));
        Assert.Equal(expected, filter.Expression);
        Assert.Equal("status IN ('FAILED', 'RUNNING') AND params.depth NOT IN (3, 4)", filter.ToString());
    }

    [Fact]
    public void Parse_LikeIlikeAndNegations()
    {
        var filter = RunFilter.Parse(@"name LIKE 'xgb\_%' OR tags.team not ilike 'ML%'");
        var expected = new OrExpression(
            new LikeExpression(new FilterField(FilterFieldKind.Attribute, "name"), false, false, @"xgb\_%"),
            new LikeExpression(new FilterField(FilterFieldKind.Tag, "team"), true, true, "ML%"));
        Assert.Equal(expected, filter.Expression);
        Assert.Equal(@"name LIKE 'xgb\_%' OR tags.team NOT ILIKE 'ML%'", filter.ToString());
    }

    [Fact]
    public void Parse_IsNullAndIsNotNull()
    {
        var filter = RunFilter.Parse("metrics.auc is null AND model_version IS NOT NULL");
        var expected = new AndExpression(
            new NullCheckExpression(new FilterField(FilterFieldKind.Metric, "auc"), false),
            new NullCheckExpression(new FilterField(FilterFieldKind.Attribute, "model_version"), true));
        Assert.Equal(expected, filter.Expression);
        Assert.Equal("metrics.auc IS NULL AND model_version IS NOT NULL", filter.ToString());
    }

    [Theory]
    [InlineData("metrics.`val loss` < 1", "val loss", "metrics.`val loss` < 1")]
    [InlineData("metrics.\"val loss\" < 1", "val loss", "metrics.`val loss` < 1")]
    [InlineData("metrics.`a``b` < 1", "a`b", "metrics.`a``b` < 1")]
    [InlineData("metrics.`rmse` < 1", "rmse", "metrics.rmse < 1")]
    [InlineData("metrics.val.rmse/fold-1 < 1", "val.rmse/fold-1", "metrics.val.rmse/fold-1 < 1")]
    [InlineData("METRICS.Val_RMSE < 1", "Val_RMSE", "metrics.Val_RMSE < 1")]
    [InlineData("metrics.and < 1", "and", "metrics.and < 1")]
    public void Parse_KeysBareOrQuoted(string text, string key, string canonical)
    {
        var filter = RunFilter.Parse(text);
        var comparison = Assert.IsType<ComparisonExpression>(filter.Expression);
        Assert.Equal(new FilterField(FilterFieldKind.Metric, key), comparison.Field);
        Assert.Equal(canonical, filter.ToString());
    }

    [Fact]
    public void Parse_DoubleQuotesAfterAPrefixAreAKeyElsewhereAString()
    {
        var filter = RunFilter.Parse("tags.\"owner team\" = \"ml \"\"core\"\"\"");
        var expected = new ComparisonExpression(new FilterField(FilterFieldKind.Tag, "owner team"), ComparisonOperator.Equal, new StringLiteral("ml \"core\""));
        Assert.Equal(expected, filter.Expression);
        Assert.Equal("tags.`owner team` = 'ml \"core\"'", filter.ToString());
    }

    [Fact]
    public void Parse_SingleQuoteEscape()
    {
        var filter = RunFilter.Parse("name = 'it''s'");
        Assert.Equal(new StringLiteral("it's"), Assert.IsType<ComparisonExpression>(filter.Expression).Value);
        Assert.Equal("name = 'it''s'", filter.ToString());
    }

    [Theory]
    [InlineData("run_id = 'a'", "id = 'a'")]
    [InlineData("attributes.run_id = 'a'", "id = 'a'")]
    [InlineData("attributes.`learner` = 'gbm'", "learner = 'gbm'")]
    [InlineData("Start_Time >= '2024-05-01'", "start_time >= '2024-05-01'")]
    [InlineData("end_time < '2024-05-01T13:05:09.5+02:00'", "end_time < '2024-05-01T13:05:09.5+02:00'")]
    [InlineData("status = 'finished'", "status = 'FINISHED'")]
    [InlineData("dataset_version = 3 AND duration_ms < 1500.5", "dataset_version = 3 AND duration_ms < 1500.5")]
    public void Parse_AttributesBareOrPrefixedCanonicallyBare(string text, string canonical)
    {
        Assert.Equal(canonical, RunFilter.Parse(text).ToString());
    }

    [Theory]
    [InlineData("metrics.rmse < 300")]
    [InlineData("metrics.rmse < 300 AND (params.learner = 'gbm' OR tags.team IN ('ml', 'ds'))")]
    [InlineData("NOT (status = 'FAILED' OR status = 'RUNNING') AND metrics.`val loss` <= 0.001")]
    [InlineData("status = 'FAILED' OR (status = 'RUNNING' OR status = 'FINISHED')")]
    [InlineData("status = 'FAILED' AND (status = 'RUNNING' AND status = 'FINISHED')")]
    [InlineData("params.lr >= 1E-05 AND params.lr IN ('0.1', 'x''y') AND tags.note NOT LIKE '%wip%'")]
    [InlineData("NOT NOT metrics.x IS NOT NULL OR name ILIKE 'A_b'")]
    [InlineData("start_time >= '2024-05-01 00:00' AND model_version IS NULL AND learner != 'linear'")]
    public void ToString_IsCanonicalAndParsesBackToAnEqualTree(string text)
    {
        var filter = RunFilter.Parse(text);
        Assert.Equal(text, filter.ToString());
        Assert.Equal(filter.Expression, RunFilter.Parse(filter.ToString()).Expression);
    }

    [Fact]
    public void ToString_NormalisesSpellingButKeepsMeaning()
    {
        var filter = RunFilter.Parse("  ( metrics.rmse<>1e3 )and(NOT(params.a==\"b\"))  ");
        Assert.Equal("metrics.rmse != 1000 AND NOT params.a = 'b'", filter.ToString());
        Assert.Equal(filter.Expression, RunFilter.Parse(filter.ToString()).Expression);
    }
}
