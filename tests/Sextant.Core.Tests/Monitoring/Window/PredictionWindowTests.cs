using System.Globalization;
using Sextant.Core.Tests.Storage;
using Sextant.Monitoring;
using Sextant.Monitoring.Drift;
using Sextant.Monitoring.Window;
using Sextant.Registry;
using Sextant.Storage;
using Sextant.Storage.Sql;

namespace Sextant.Core.Tests.Monitoring.Window;

/// <summary>The prediction log read back as a columnar window, on SQLite and on a real PostgreSQL server.</summary>
public sealed class PredictionWindowTests(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>, IDisposable
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly string _model = "m_" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => _dir.Dispose();

    private async Task<IMetadataStore> OpenAsync(string kind) => kind == "sqlite"
        ? await SqliteMetadataStore.OpenAsync(_dir.File("sextant.db"))
        : await PostgresMetadataStore.OpenAsync(postgres.Url);

    // Row i: at start + i minutes, price = i, store = "s" + (i % 3), a categorical sent as a number (level = i % 2), prediction 2i.
    private PredictionRecord Record(int i, int version = 1, string? alias = "prod", string? features = null) =>
        new($"{_model}-{version}-{i}", _model, version, alias, s_start.AddMinutes(i),
            features ?? string.Create(CultureInfo.InvariantCulture, $$"""{"price": {{i}}, "store": "s{{i % 3}}", "level": {{i % 2}}}"""), 2.0 * i, 0.5);

    private async Task LogAsync(IMetadataStore store, IEnumerable<PredictionRecord> records, int batch = 7)
    {
        foreach (var chunk in records.Chunk(batch))
        {
            await store.LogPredictionsAsync(chunk);
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresData]
    public async Task Window_ReadsEveryLoggedRowAsTypedColumns(string kind)
    {
        await using var store = await OpenAsync(kind);
        await LogAsync(store, Enumerable.Range(0, 50).Select(i => Record(i)));

        var window = await store.ReadPredictionWindowAsync(new PredictionWindowQuery { Model = _model });

        Assert.Equal(50, window.Rows);
        Assert.Equal(8, window.Blocks);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => 2.0 * i), window.Predictions);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (double)i), window.Column("price", DriftFeatureKind.Numeric)!.Numbers!);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"s{i % 3}"), window.Column("store", DriftFeatureKind.Categorical)!.Labels!);
        // A categorical feature sent as JSON numbers reads as the numbers' text, as training stored it.
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (i % 2).ToString(CultureInfo.InvariantCulture)), window.Column("level", DriftFeatureKind.Categorical)!.Labels!);
        Assert.Null(window.Column("absent", DriftFeatureKind.Numeric));
        Assert.Equal(s_start, window.First);
        Assert.Equal(s_start.AddMinutes(49), window.Last);
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresData]
    public async Task Window_SinceUntilAndLast_KeepExactlyTheAskedRows(string kind)
    {
        await using var store = await OpenAsync(kind);
        await LogAsync(store, Enumerable.Range(0, 100).Select(i => Record(i)));

        var timed = await store.ReadPredictionWindowAsync(new PredictionWindowQuery { Model = _model, Since = s_start.AddMinutes(10), Until = s_start.AddMinutes(33) });
        var last = await store.ReadPredictionWindowAsync(new PredictionWindowQuery { Model = _model, Last = 17 });
        var both = await store.ReadPredictionWindowAsync(new PredictionWindowQuery { Model = _model, Until = s_start.AddMinutes(50), Last = 5 });

        Assert.Equal(Enumerable.Range(10, 23).Select(i => (double)i), timed.Column("price", DriftFeatureKind.Numeric)!.Numbers!);
        Assert.Equal(Enumerable.Range(83, 17).Select(i => (double)i), last.Column("price", DriftFeatureKind.Numeric)!.Numbers!);
        Assert.Equal(Enumerable.Range(45, 5).Select(i => (double)i), both.Column("price", DriftFeatureKind.Numeric)!.Numbers!);
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresData]
    public async Task Window_VersionAndAlias_SelectTheirOwnRows(string kind)
    {
        await using var store = await OpenAsync(kind);
        // One batch mixing versions and aliases: each combination gets its own block.
        await store.LogPredictionsAsync([Record(0, 1, "prod"), Record(1, 2, "staging"), Record(2, 1, "prod"), Record(3, 2, null), Record(4, 1, "prod")]);

        var v1 = await store.ReadPredictionWindowAsync(new PredictionWindowQuery { Model = _model, Version = 1 });
        var staging = await store.ReadPredictionWindowAsync(new PredictionWindowQuery { Model = _model, Alias = "staging" });
        var v2 = await store.ReadPredictionWindowAsync(new PredictionWindowQuery { Model = _model, Version = 2 });
        var other = await store.ReadPredictionWindowAsync(new PredictionWindowQuery { Model = "nobody" });

        Assert.Equal([0.0, 2, 4], v1.Column("price", DriftFeatureKind.Numeric)!.Numbers!);
        Assert.Equal([1.0], staging.Column("price", DriftFeatureKind.Numeric)!.Numbers!);
        Assert.Equal(2, v2.Rows);
        Assert.Equal(0, other.Rows);
        Assert.Null(other.First);
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresData]
    public async Task Window_MissingValuesAndChangedFields_AreMissingNotShifted(string kind)
    {
        await using var store = await OpenAsync(kind);
        await store.LogPredictionsAsync([
            Record(0, features: """{"price": 1, "store": "a"}"""),
            Record(1, features: """{"price": null, "store": null}"""),
        ]);
        // A later batch adds a feature and sends the store as a number.
        await store.LogPredictionsAsync([Record(2, features: """{"price": 3, "store": 7, "extra": true}""")]);
        // A duplicate request id is neither a new row nor a new block row.
        await store.LogPredictionsAsync([Record(2, features: """{"price": 99, "store": "x"}""")]);

        var window = await store.ReadPredictionWindowAsync(new PredictionWindowQuery { Model = _model });

        Assert.Equal(3, window.Rows);
        var price = window.Column("price", DriftFeatureKind.Numeric)!.Numbers!;
        Assert.Equal(1.0, price[0]);
        Assert.True(double.IsNaN(price[1]));
        Assert.Equal(3.0, price[2]);
        Assert.Equal(new string?[] { "a", null, "7" }.AsEnumerable(), window.Column("store", DriftFeatureKind.Categorical)!.Labels!);
        Assert.Equal(new string?[] { null, null, "true" }.AsEnumerable(), window.Column("extra", DriftFeatureKind.Categorical)!.Labels!);
    }
}
