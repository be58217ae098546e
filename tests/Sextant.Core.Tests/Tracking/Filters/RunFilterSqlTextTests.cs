using Sextant.Tracking.Filters;

namespace Sextant.Core.Tests.Tracking.Filters;

/// <summary>The translated SQL text; its results are checked in <see cref="RunFilterSqliteTests"/>.</summary>
public class RunFilterSqlTextTests
{
    [Fact]
    public void Metric_IsAnExistsWithKeyAndValueAsParameters()
    {
        var sink = new SqlParameterSink();
        var sql = RunFilter.Parse("metrics.rmse < 300").ToSql(SqlDialect.Postgres, sink);
        Assert.Equal("EXISTS (SELECT 1 FROM run_latest_metrics m WHERE m.run_id = r.id AND m.key = @p0 AND m.value < @p1)", sql);
        Assert.Equal([new SqlParameterValue("@p0", "rmse"), new SqlParameterValue("@p1", 300.0)], sink.Parameters);
    }

    [Fact]
    public void Params_WithANumberUseAGuardedCastPerDialect()
    {
        var sqlite = RunFilter.Parse("params.depth > 7").ToSql(SqlDialect.Sqlite, new SqlParameterSink());
        Assert.Equal(
            "EXISTS (SELECT 1 FROM run_params p WHERE p.run_id = r.id AND p.key = @p0 AND "
            + "CASE WHEN json_valid(p.value) THEN CASE WHEN json_type(p.value) IN ('integer', 'real') THEN CAST(p.value AS REAL) END END > @p1)",
            sqlite);
        var postgres = RunFilter.Parse("params.depth > 7").ToSql(SqlDialect.Postgres, new SqlParameterSink());
        Assert.Equal(
            "EXISTS (SELECT 1 FROM run_params p WHERE p.run_id = r.id AND p.key = @p0 AND "
            + "CASE WHEN p.value ~ '^[[:space:]]*-?(0|[1-9][0-9]{0,99})([.][0-9]{1,100})?([eE][-+]?[0-9]{1,2})?[[:space:]]*$' THEN CAST(p.value AS double precision) END > @p1)",
            postgres);
        Assert.Equal(
            "EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = r.id AND t.key = @p0 AND t.value > @p1)",
            RunFilter.Parse("tags.x > '7'").ToSql(SqlDialect.Postgres, new SqlParameterSink()));
    }

    [Fact]
    public void NullableAttributes_AreFalseWhenNullSoNotStaysTwoValued()
    {
        Assert.Equal(
            "NOT ((r.model_version IS NOT NULL AND r.model_version = @p0)) AND r.id IN (@p1, @p2)",
            RunFilter.Parse("NOT model_version = 1 AND run_id IN ('a', 'b')").ToSql(SqlDialect.Postgres, new SqlParameterSink()));
    }

    [Fact]
    public void Times_AreNormalisedToUtcAndComparedAsInstants()
    {
        var sink = new SqlParameterSink();
        Assert.Equal(
            "(julianday(r.start_time) IS NOT NULL AND julianday(r.start_time) >= julianday(@p0))",
            RunFilter.Parse("start_time >= '2024-05-01 02:00+02:00'").ToSql(SqlDialect.Sqlite, sink));
        Assert.Equal("2024-05-01T00:00:00.000000Z", sink.Parameters[0].Value);
        Assert.Equal(
            "(r.end_time IS NOT NULL AND r.end_time < CAST(@p0 AS timestamptz))",
            RunFilter.Parse("end_time < '2024-05-01'").ToSql(SqlDialect.Postgres, new SqlParameterSink()));
    }

    [Fact]
    public void Like_IsGlobInSqliteAndLikeWithEscapeInPostgres()
    {
        var sqlite = new SqlParameterSink();
        Assert.Equal("(r.name IS NOT NULL AND r.name GLOB @p0)", RunFilter.Parse(@"name LIKE 'a\_b%'").ToSql(SqlDialect.Sqlite, sqlite));
        Assert.Equal("a_b*", sqlite.Parameters[0].Value);
        Assert.Equal(@"(r.name IS NOT NULL AND r.name NOT LIKE @p0 ESCAPE '\')", RunFilter.Parse("name NOT ILIKE 'a%'").ToSql(SqlDialect.Sqlite, new SqlParameterSink()));
        var postgres = new SqlParameterSink();
        Assert.Equal(@"(r.name IS NOT NULL AND r.name LIKE @p0 ESCAPE '\') OR (r.name IS NOT NULL AND r.name ILIKE @p1 ESCAPE '\')", RunFilter.Parse(@"name LIKE 'a\_b%' OR name ILIKE 'x'").ToSql(SqlDialect.Postgres, postgres));
        Assert.Equal(@"a\_b%", postgres.Parameters[0].Value);
    }

    [Theory]
    [InlineData("abc", "abc")]
    [InlineData("a%b_c", "a*b?c")]
    [InlineData(@"50\%\_\\", @"50%_\")]
    [InlineData("x*y?[z]", "x[*]y[?][[]z]")]
    [InlineData(@"\a\*", "a[*]")]
    public void ToGlob_TranslatesWildcardsAndEscapesGlobSpecials(string like, string glob) => Assert.Equal(glob, FilterSqlWriter.ToGlob(like));

    [Fact]
    public void Grouping_FollowsTheTreeNotTheText()
    {
        Assert.Equal(
            "(r.id = @p0 OR r.id = @p1) AND r.id = @p2",
            RunFilter.Parse("(id = 'a' OR id = 'b') AND id = 'c'").ToSql(SqlDialect.Sqlite, new SqlParameterSink()));
        Assert.Equal(
            "r.id = @p0 OR r.id = @p1 AND r.id = @p2",
            RunFilter.Parse("id = 'a' OR (id = 'b' AND id = 'c')").ToSql(SqlDialect.Sqlite, new SqlParameterSink()));
        Assert.Equal("1 = 1", RunFilter.Parse(" ").ToSql(SqlDialect.Postgres, new SqlParameterSink()));
    }

    [Fact]
    public void Order_UsesScalarSubqueriesNullsLastAndEndsById()
    {
        var sink = new SqlParameterSink("q");
        Assert.Equal(
            "(SELECT MAX(m.value) FROM run_latest_metrics m WHERE m.run_id = r.id AND m.key = @q0) ASC NULLS LAST, "
            + "r.start_time DESC NULLS LAST, "
            + "(SELECT MAX(CASE WHEN t.value ~ '^[[:space:]]*-?(0|[1-9][0-9]{0,99})([.][0-9]{1,100})?([eE][-+]?[0-9]{1,2})?[[:space:]]*$' THEN CAST(t.value AS double precision) END) FROM run_tags t WHERE t.run_id = r.id AND t.key = @q1) ASC NULLS LAST, "
            + "(SELECT MAX(t.value) FROM run_tags t WHERE t.run_id = r.id AND t.key = @q1) ASC NULLS LAST, "
            + "r.id ASC",
            RunOrder.Parse("metrics.rmse, start_time DESC, tags.rank").ToSql(SqlDialect.Postgres, sink));
        Assert.Equal(["rmse", "rank"], sink.Parameters.Select(p => p.Value));
    }

    [Fact]
    public void Sink_NumbersOnAcrossFilterAndOrderAndChecksItsPrefix()
    {
        var sink = new SqlParameterSink("f");
        RunFilter.Parse("metrics.a > 1").ToSql(SqlDialect.Sqlite, sink);
        RunOrder.Parse("metrics.b").ToSql(SqlDialect.Sqlite, sink);
        Assert.Equal(["@f0", "@f1", "@f2"], sink.Parameters.Select(p => p.Name));
        Assert.Throws<ArgumentException>(() => new SqlParameterSink("1x"));
        Assert.Throws<ArgumentException>(() => new SqlParameterSink("p;"));
        Assert.Throws<ArgumentOutOfRangeException>(() => RunFilter.Parse("id = 'a'").ToSql((SqlDialect)7, new SqlParameterSink()));
    }
}
