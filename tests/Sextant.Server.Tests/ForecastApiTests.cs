using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Sextant.Data.Ingest;
using Sextant.Examples;
using Sextant.Forecasting.Registry;
using Sextant.Projects;
using Sextant.Registry;
using static Sextant.Server.Tests.HttpJson;

namespace Sextant.Server.Tests;

/// <summary>
/// <c>POST /forecast</c> and <c>GET /risk</c> over real HTTP, from a registered forecast version of the produce example
/// (daily mean price per category, naive method so training is instant): points with intervals per segment, the alias
/// followed, clear refusals, GARCH of a segment's returns, and "not enough data" instead of a number.
/// </summary>
public sealed class ForecastApiTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"sextant-forecast-api-{Guid.NewGuid():N}");
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private string _category = "";

    public async Task InitializeAsync()
    {
        var example = ExampleProjects.Create("produce");
        await (example with { Config = example.Config with { Forecast = example.Config.Forecast! with { Method = "naive", Holdout = 14 } } }).WriteToAsync(_root);
        await using (var project = await SextantProject.OpenAsync(_root))
        {
            await Ingestion.IngestAsync(project);
            var (version, artifact, _) = await ForecastVersions.TrainAsync(project);
            await new ModelRegistry(project, forecast: true).PromoteAsync(version.Version, "prod", "test");
            _category = artifact.Segments[0].Key["category"];
        }

        _app = await SextantServer.BuildAsync(new ServerOptions { Project = _root, Urls = "http://127.0.0.1:0" });
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Forecast_ASegment_ReturnsDatedPointsWithNestedIntervals()
    {
        using var response = await _client.PostAsync("/forecast", Content($$"""{"horizon": 10, "segment": {"category": "{{_category}}"}, "level": [80, 95], "alias": "prod"}"""));

        var body = await ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal(("produce_forecast", 1, "naive", "daily"), (body.GetProperty("model").GetString(), body.GetProperty("version").GetInt32(), body.GetProperty("method").GetString(), body.GetProperty("frequency").GetString()));
        var points = body.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(10, points.Count);
        var last = DateTime.Parse(body.GetProperty("last_observed").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(last.AddDays(1), DateTime.Parse(points[0].GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        foreach (var p in points)
        {
            var (lo95, lo80, mean, hi80, hi95) = (p.GetProperty("lower").GetProperty("95").GetDouble(), p.GetProperty("lower").GetProperty("80").GetDouble(), p.GetProperty("mean").GetDouble(),
                p.GetProperty("upper").GetProperty("80").GetDouble(), p.GetProperty("upper").GetProperty("95").GetDouble());
            Assert.True(lo95 < lo80 && lo80 < mean && mean < hi80 && hi80 < hi95, p.ToString());
        }

        // A naive forecast: every point is the last observed value; its intervals widen with the horizon.
        Assert.Single(points.Select(p => p.GetProperty("mean").GetDouble()).Distinct());
        Assert.True(points[^1].GetProperty("upper").GetProperty("80").GetDouble() > points[0].GetProperty("upper").GetProperty("80").GetDouble());
        Assert.True(body.GetProperty("holdout").GetProperty("smape").GetDouble() > 0);
    }

    [Theory]
    [InlineData("""{"horizon": 0}""", 400, "horizon must be between 1 and 1000")]
    [InlineData("""{"level": [120]}""", 400, "is not a percentage strictly between 0 and 100")]
    [InlineData("""{"segment": "Fruit"}""", 400, "segment must be an object")]
    [InlineData("""{"segment": {"category": "Meteorites"}}""", 404, "No segment category=Meteorites")]
    [InlineData("""{}""", 404, "This forecast has 6 segments; name one in 'segment'")]
    [InlineData("""{"alias": "staging", "segment": {"category": "x"}}""", 400, "No alias 'staging' on produce_forecast")]
    [InlineData("""{"horizon": """, 400, "The body is not valid JSON")]
    public async Task Forecast_BadRequests_AreProblemDetailsThatSayWhy(string body, int status, string says)
    {
        using var response = await _client.PostAsync("/forecast", Content(body));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(says, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Risk_OfASegment_IsTheGarchSummary_AndOpenApiDocumentsBoth()
    {
        using var response = await _client.GetAsync($"/risk?segment=category={Uri.EscapeDataString(_category)}&distribution=t");

        var body = await ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        var risk = body.GetProperty("risk");
        Assert.Equal("GARCH(1,1)", risk.GetProperty("model").GetString());
        Assert.True(risk.GetProperty("observations").GetInt32() > 1000);
        Assert.InRange(risk.GetProperty("persistence").GetDouble(), 0, 1);
        Assert.Equal(2, risk.GetProperty("parametric").GetArrayLength());

        using var openapi = JsonDocument.Parse(await _client.GetStringAsync("/openapi.json"));
        var paths = openapi.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/forecast", out _) && paths.TryGetProperty("/risk", out _));
    }
}
