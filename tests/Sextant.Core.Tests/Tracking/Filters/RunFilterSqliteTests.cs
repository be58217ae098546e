using Microsoft.Data.Sqlite;
using Sextant.Tracking.Filters;

namespace Sextant.Core.Tests.Tracking.Filters;

/// <summary>Runs the translated SQL against a real SQLite database with the runs schema and ten varied runs.</summary>
public sealed class RunFilterSqliteTests : IDisposable
{
    private static readonly string[] s_all = ["r01", "r02", "r03", "r04", "r05", "r06", "r07", "r08", "r09", "r10"];

    private readonly SqliteConnection _connection;

    public RunFilterSqliteTests()
    {
        _connection = new SqliteConnection("Data Source=:memory:");
        _connection.Open();
        Execute("""
            CREATE TABLE runs (
                id TEXT PRIMARY KEY, name TEXT, status TEXT, start_time TEXT, end_time TEXT, duration_ms REAL,
                dataset_fingerprint TEXT, dataset_version INTEGER, learner TEXT, model_version INTEGER NULL);
            CREATE TABLE run_latest_metrics (run_id TEXT, key TEXT, value REAL, PRIMARY KEY (run_id, key));
            CREATE TABLE run_params (run_id TEXT, key TEXT, value TEXT, PRIMARY KEY (run_id, key));
            CREATE TABLE run_tags (run_id TEXT, key TEXT, value TEXT, PRIMARY KEY (run_id, key));
            INSERT INTO runs VALUES
                ('r01', 'gbm-baseline', 'FINISHED', '2024-05-01T10:00:00.0000000+00:00', '2024-05-01T10:05:00.0000000+00:00', 300000, 'fa', 1, 'gbm', 1),
                ('r02', 'gbm-deep', 'FINISHED', '2024-05-02T10:00:00.0000000+00:00', '2024-05-02T10:20:00.0000000+00:00', 1200000, 'fa', 1, 'gbm', 2),
                ('r03', 'linear', 'FINISHED', '2024-05-03T10:00:00.0000000+00:00', '2024-05-03T10:00:02.0000000+00:00', 2000, 'fb', 2, 'linear', NULL),
                ('r04', 'gbm-fail', 'FAILED', '2024-05-04T10:00:00.0000000+00:00', '2024-05-04T10:00:01.0000000+00:00', 1000, 'fb', 2, 'gbm', NULL),
                ('r05', 'running', 'RUNNING', '2024-05-05T10:00:00.0000000+00:00', NULL, NULL, 'fb', 2, 'gbm', NULL),
                ('r06', 'Gbm-Upper', 'FINISHED', '2024-05-06T10:00:00.0000000+00:00', '2024-05-06T10:01:00.0000000+00:00', 60000, 'fb', 2, 'gbm', 3),
                ('r07', 'lin_2', 'FINISHED', '2024-05-07T10:00:00.0000000+00:00', '2024-05-07T10:00:01.5000000+00:00', 1500, 'fb', 2, 'linear', 4),
                ('r08', 'gbm_tuned', 'FINISHED', '2024-05-08T10:00:00.0000000+00:00', '2024-05-08T11:00:00.0000000+00:00', 3600000, 'fc', 3, 'gbm', 5),
                ('r09', 'éclair', 'FINISHED', '2024-05-09T23:45:00Z', '2024-05-09T23:46:00Z', 60000, 'fc', 3, 'gbm', NULL),
                ('r10', 'it''s', 'FINISHED', '2024-05-10T01:00:00+02:00', '2024-05-10T01:10:00+02:00', 600000, 'fc', 3, 'gbm', 6);
            INSERT INTO run_latest_metrics VALUES
                ('r01', 'rmse', 250), ('r01', 'mae', 180), ('r02', 'rmse', 310), ('r02', 'mae', 200), ('r03', 'rmse', 420),
                ('r05', 'rmse', 290), ('r06', 'rmse', 300), ('r06', 'val loss', 0.5), ('r07', 'rmse', 500), ('r07', 'mae', 400),
                ('r08', 'rmse', 240), ('r09', 'rmse', NULL), ('r10', 'rmse', 260);
            INSERT INTO run_params VALUES
                ('r01', 'depth', '6'), ('r01', 'lr', '0.1'), ('r02', 'depth', '10'), ('r02', 'lr', '0.05'),
                ('r03', 'depth', 'none'), ('r03', 'alpha', '1e-3'), ('r04', 'depth', '8'), ('r05', 'depth', '12abc'),
                ('r06', 'depth', '6.0'), ('r06', 'lr', '0.1'), ('r07', 'depth', ''), ('r07', 'lr', 'abc'),
                ('r08', 'depth', '0x10'), ('r08', 'lr', '.5'), ('r09', 'depth', '3'), ('r10', 'depth', ' 7 ');
            INSERT INTO run_tags VALUES
                ('r01', 'team', 'ml'), ('r01', 'note', 'first run'), ('r02', 'team', 'ML'), ('r03', 'team', 'ds'),
                ('r05', 'team', 'ml'), ('r06', 'note', '50% sample'), ('r07', 'team', 'ml'), ('r07', 'note', 'x*y?[z]');
            """);
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void EmptyFilter_MatchesEveryRun() => Assert.Equal(s_all, Ids(""));

    [Theory]
    [InlineData("metrics.rmse < 300", "r01 r05 r08 r10")]
    [InlineData("metrics.rmse <= 300", "r01 r05 r06 r08 r10")]
    [InlineData("metrics.rmse = 300", "r06")]
    [InlineData("metrics.rmse != 300", "r01 r02 r03 r05 r07 r08 r10")]
    [InlineData("metrics.`val loss` < 1", "r06")]
    [InlineData("metrics.\"val loss\" >= 0.5", "r06")]
    [InlineData("metrics.rmse IN (250, 300)", "r01 r06")]
    [InlineData("metrics.rmse NOT IN (250, 300)", "r02 r03 r05 r07 r08 r10")]
    public void Metrics_RunsWithoutTheMetricNeverMatch(string filter, string ids) => Assert.Equal(ids.Split(' '), Ids(filter));

    [Theory]
    [InlineData("NOT metrics.rmse < 300", "r02 r03 r04 r06 r07 r09")]
    [InlineData("metrics.rmse IS NULL", "r04 r09")]
    [InlineData("metrics.rmse IS NOT NULL", "r01 r02 r03 r05 r06 r07 r08 r10")]
    [InlineData("NOT metrics.rmse IS NULL", "r01 r02 r03 r05 r06 r07 r08 r10")]
    [InlineData("params.alpha IS NOT NULL", "r03")]
    [InlineData("tags.team IS NULL", "r04 r06 r08 r09 r10")]
    [InlineData("model_version IS NULL", "r03 r04 r05 r09")]
    [InlineData("end_time IS NULL", "r05")]
    [InlineData("model_version != 1", "r02 r06 r07 r08 r10")]
    [InlineData("NOT model_version = 1", "r02 r03 r04 r05 r06 r07 r08 r09 r10")]
    [InlineData("NOT model_version NOT IN (1, 2)", "r01 r02 r03 r04 r05 r09")]
    public void Missing_NotIsTwoValuedAndIsNullFindsRunsWithoutAValue(string filter, string ids) => Assert.Equal(ids.Split(' '), Ids(filter));

    [Theory]
    [InlineData("metrics.rmse >= 300 OR metrics.mae < 190", "r01 r02 r03 r06 r07")]
    [InlineData("learner = 'linear' OR metrics.rmse < 260 AND status = 'FINISHED'", "r01 r03 r07 r08")]
    [InlineData("(learner = 'linear' OR metrics.rmse < 260) AND tags.team = 'ml'", "r01 r07")]
    [InlineData("NOT (learner = 'gbm' OR status = 'RUNNING')", "r03 r07")]
    [InlineData("status IN ('FAILED', 'running')", "r04 r05")]
    [InlineData("status NOT IN ('FINISHED')", "r04 r05")]
    [InlineData("run_id IN ('r02', 'r09', 'nope') OR id = 'r10'", "r02 r09 r10")]
    [InlineData("dataset_version = 2 AND duration_ms < 1600", "r04 r07")]
    [InlineData("dataset_fingerprint = 'fc' AND attributes.learner == 'gbm'", "r08 r09 r10")]
    [InlineData("name = 'it''s'", "r10")]
    public void Attributes_AndOrNotIn(string filter, string ids) => Assert.Equal(ids.Split(' '), Ids(filter));

    [Theory]
    [InlineData("params.depth > 7", "r02 r04")]
    [InlineData("params.depth > '7'", "r03 r04")]
    [InlineData("params.depth = 6", "r01 r06")]
    [InlineData("params.depth = '6'", "r01")]
    [InlineData("params.depth < 4", "r09")]
    [InlineData("params.depth = 7", "r10")]
    [InlineData("params.depth IN (6, 10)", "r01 r02 r06")]
    [InlineData("params.depth NOT IN (6, 10)", "r04 r09 r10")]
    [InlineData("params.depth IN ('6', 'none')", "r01 r03")]
    [InlineData("params.alpha < 0.01", "r03")]
    [InlineData("params.lr > 0.2", "")]
    [InlineData("params.depth = 0", "")]
    public void Params_NumberLiteralComparesNumbersStringLiteralComparesText(string filter, string ids) => Assert.Equal(Split(ids), Ids(filter));

    [Theory]
    [InlineData("name LIKE 'gbm%'", "r01 r02 r04 r08")]
    [InlineData("name ILIKE 'gbm%'", "r01 r02 r04 r06 r08")]
    [InlineData(@"name LIKE 'gbm\_%'", "r08")]
    [InlineData("name LIKE '_clair'", "r09")]
    [InlineData("name NOT LIKE 'gbm%'", "r03 r05 r06 r07 r09 r10")]
    [InlineData("tags.team LIKE 'ml'", "r01 r05 r07")]
    [InlineData("tags.team ILIKE 'ml'", "r01 r02 r05 r07")]
    [InlineData("tags.team NOT ILIKE 'm%'", "r03")]
    [InlineData(@"tags.note LIKE '50\%%'", "r06")]
    [InlineData("tags.note LIKE '5_\\% %'", "r06")]
    [InlineData("tags.note LIKE 'x*y?[z]'", "r07")]
    [InlineData("tags.note LIKE 'x_y%'", "r07")]
    [InlineData("tags.note LIKE '%[%'", "r07")]
    [InlineData(@"tags.note ILIKE 'X\*Y%'", "r07")]
    [InlineData("tags.note LIKE 'x%z'", "")]
    [InlineData("params.depth LIKE '1%'", "r02 r05")]
    public void Like_IsCaseSensitiveIlikeIsNot(string filter, string ids) => Assert.Equal(Split(ids), Ids(filter));

    [Theory]
    [InlineData("start_time >= '2024-05-05'", "r05 r06 r07 r08 r09 r10")]
    [InlineData("start_time >= '2024-05-03' AND start_time < '2024-05-04'", "r03")]
    [InlineData("start_time < '2024-05-09T23:30:00Z'", "r01 r02 r03 r04 r05 r06 r07 r08 r10")]
    [InlineData("start_time > '2024-05-10 01:30+02:00'", "r09")]
    [InlineData("start_time = '2024-05-09T23:00Z'", "r10")]
    [InlineData("end_time <= '2024-05-07T10:00:01.5Z' AND end_time > '2024-05-07 10:00:01.499'", "r07")]
    [InlineData("start_time IN ('2024-05-01T10:00:00Z', '2024-05-10T01:00:00+02:00')", "r01 r10")]
    [InlineData("NOT end_time > '2024-05-05'", "r01 r02 r03 r04 r05")]
    public void Times_CompareAsInstantsWhateverTheOffset(string filter, string ids) => Assert.Equal(ids.Split(' '), Ids(filter));

    [Fact]
    public void Values_NeverReachTheSqlText()
    {
        var sink = new SqlParameterSink();
        var sql = RunFilter.Parse("name = 'x'' OR 1=1 --' OR metrics.`rmse' OR 1=1 --` < 1 OR tags.\"a\"\"; DROP TABLE runs; --\" = 'x'").ToSql(SqlDialect.Sqlite, sink);
        Assert.DoesNotContain("1=1", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("DROP", sql, StringComparison.Ordinal);
        Assert.Equal(["x' OR 1=1 --", "rmse' OR 1=1 --", 1.0, "a\"; DROP TABLE runs; --", "x"], sink.Parameters.Select(p => p.Value));
        Assert.Empty(Ids("name = 'x'' OR 1=1 --' OR metrics.`rmse' OR 1=1 --` < 1 OR tags.\"a\"\"; DROP TABLE runs; --\" = 'x'"));
        Assert.Equal(s_all, Ids(""));
    }

    [Theory]
    [InlineData("metrics.rmse", "r08 r01 r10 r05 r06 r02 r03 r07 r04 r09")]
    [InlineData("metrics.rmse DESC", "r07 r03 r02 r06 r05 r10 r01 r08 r04 r09")]
    [InlineData("metrics.mae DESC, metrics.rmse", "r07 r02 r01 r08 r10 r05 r06 r03 r04 r09")]
    [InlineData("params.depth ASC", "r09 r01 r06 r10 r04 r02 r07 r08 r05 r03")]
    [InlineData("params.depth DESC", "r02 r04 r10 r06 r01 r09 r03 r05 r08 r07")]
    [InlineData("tags.team, id DESC", "r02 r03 r07 r05 r01 r10 r09 r08 r06 r04")]
    [InlineData("model_version DESC, start_time DESC", "r10 r08 r07 r06 r02 r01 r09 r05 r04 r03")]
    [InlineData("start_time DESC", "r09 r10 r08 r07 r06 r05 r04 r03 r02 r01")]
    [InlineData("end_time", "r01 r02 r03 r04 r06 r07 r08 r10 r09 r05")]
    [InlineData("learner DESC", "r03 r07 r01 r02 r04 r05 r06 r08 r09 r10")]
    [InlineData("", "r01 r02 r03 r04 r05 r06 r07 r08 r09 r10")]
    public void Order_MissingValuesLastInBothDirectionsThenById(string order, string ids) => Assert.Equal(ids.Split(' '), Ids("", order));

    [Fact]
    public void Order_SharesTheSinkWithTheFilter()
    {
        Assert.Equal(["r02", "r06", "r10", "r01"], Ids("learner = 'gbm'", "metrics.rmse DESC", where: "status = 'FINISHED' AND metrics.rmse >= 250"));
        Assert.Equal(["r07", "r03", "r02", "r06", "r10", "r01"], Ids("status = 'FINISHED' AND metrics.rmse >= 250", "metrics.rmse DESC"));
    }

    [Fact]
    public void Order_ById_NeedsNoTiebreak()
    {
        Assert.Equal("r.id DESC NULLS LAST", RunOrder.Parse("run_id DESC").ToSql(SqlDialect.Sqlite, new SqlParameterSink()));
        Assert.Equal("r.id ASC", RunOrder.Parse("").ToSql(SqlDialect.Postgres, new SqlParameterSink()));
    }

    private static string[] Split(string ids) => ids.Length == 0 ? [] : ids.Split(' ');

    private List<string> Ids(string filter, string order = "", string? where = null)
    {
        var sink = new SqlParameterSink();
        var condition = RunFilter.Parse(filter).ToSql(SqlDialect.Sqlite, sink);
        if (where is not null)
        {
            condition = $"({condition}) AND ({RunFilter.Parse(where).ToSql(SqlDialect.Sqlite, sink)})";
        }

        var orderBy = RunOrder.Parse(order).ToSql(SqlDialect.Sqlite, sink);
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT r.id FROM runs r WHERE {condition} ORDER BY {orderBy}";
        foreach (var parameter in sink.Parameters)
        {
            command.Parameters.AddWithValue(parameter.Name, parameter.Value);
        }

        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
