using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Sextant.Data.Ingest;
using Sextant.Examples;
using Sextant.Projects;
using Sextant.Training;
using static Sextant.Server.Tests.HttpJson;

namespace Sextant.Server.Tests;

/// <summary>
/// <c>POST /explain</c> over real HTTP, for a gradient boosting model and a ridge model of the sales example: the
/// contributions add up to the prediction <c>/predict</c> gives, one per source feature (one-hot columns summed back).
/// </summary>
public sealed class ExplainApiTests : IAsyncLifetime
{
    private const string Record = """{"QUANTITYORDERED":30,"PRICEEACH":95.7,"ORDERLINENUMBER":2,"MSRP":95,"QTR_ID":1,"MONTH_ID":2,"YEAR_ID":2003,"PRODUCTLINE":"Motorcycles","COUNTRY":"USA","DEALSIZE":"Small"}""";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"sextant-explain-tests-{Guid.NewGuid():N}");
    private readonly List<WebApplication> _apps = [];
    private HttpClient _trees = null!;
    private HttpClient _linear = null!;

    public async Task InitializeAsync()
    {
        _trees = await ServeAsync("trees", new CandidateConfig { Learner = "gbm", Rounds = 100, MaxDepth = 6 });
        _linear = await ServeAsync("linear", new CandidateConfig { Learner = "ridge", L2 = 1 });
    }

    public async Task DisposeAsync()
    {
        _trees.Dispose();
        _linear.Dispose();
        foreach (var app in _apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Theory]
    [InlineData("trees", "gbm")]
    [InlineData("linear", "ridge")]
    public async Task Explain_ContributionsPlusBaseEqualThePrediction(string which, string learner)
    {
        var client = Client(which);
        using var model = await client.GetAsync("/model");
        Assert.StartsWith(learner + "(", (await ReadAsync(model)).GetProperty("learner").GetString(), StringComparison.Ordinal);
        using var predicted = await client.PostAsync("/predict", Content(Record));
        var prediction = (await ReadAsync(predicted)).GetProperty("prediction").GetDouble();

        using var response = await client.PostAsync("/explain", Content(Record));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await ReadAsync(response);
        Assert.Equal("value", json.GetProperty("scale").GetString());
        Assert.Equal(prediction, json.GetProperty("prediction").GetDouble(), 6);
        Assert.Equal(prediction, json.GetProperty("raw_prediction").GetDouble(), 6);
        var contributions = json.GetProperty("contributions").EnumerateArray().ToList();
        var sum = json.GetProperty("base_value").GetDouble() + contributions.Sum(c => c.GetProperty("contribution").GetDouble());
        Assert.Equal(prediction, sum, 6);
        Assert.True(Math.Abs(json.GetProperty("check").GetDouble()) < 1e-6 * Math.Max(1, Math.Abs(prediction)));
        Assert.Equal("sales", json.GetProperty("model_name").GetString());
        Assert.Equal(1, json.GetProperty("model_version").GetInt32());

        // One entry per source feature: the one-hot columns of PRODUCTLINE, COUNTRY, DEALSIZE are summed back into them.
        var names = contributions.Select(c => c.GetProperty("feature").GetString()!).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("PRODUCTLINE", names);
        Assert.Contains("COUNTRY", names);
        Assert.Equal("Motorcycles", contributions.Single(c => c.GetProperty("feature").GetString() == "PRODUCTLINE").GetProperty("value").GetString());
        Assert.DoesNotContain(names, n => n.Contains('=', StringComparison.Ordinal));

        // Largest absolute contribution first.
        var sizes = contributions.Select(c => Math.Abs(c.GetProperty("contribution").GetDouble())).ToList();
        Assert.Equal(sizes.OrderDescending(), sizes);
    }

    [Fact]
    public async Task Explain_TreeModel_SomeFeatureMatters()
    {
        using var response = await _trees.PostAsync("/explain", Content(Record));

        var contributions = (await ReadAsync(response)).GetProperty("contributions").EnumerateArray();
        Assert.Contains(contributions, c => Math.Abs(c.GetProperty("contribution").GetDouble()) > 1);
    }

    [Fact]
    public async Task Explain_WrappedRecordWithRequestIdAndUnknownField_EchoesTheIdAndWarns()
    {
        var body = $$"""{"features": {{Record[..^1]}},"COLOUR":"red"}, "request_id": "explain-1"}""";

        using var response = await _trees.PostAsync("/explain", Content(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await ReadAsync(response);
        Assert.Equal("explain-1", json.GetProperty("request_id").GetString());
        Assert.Contains(json.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("COLOUR", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Explain_InvalidRecord_Is400ProblemListingEveryProblem()
    {
        const string bad = """{"QUANTITYORDERED":"many","PRICEEACH":95.7,"ORDERLINENUMBER":2,"MSRP":95,"QTR_ID":1,"MONTH_ID":2,"YEAR_ID":2003,"PRODUCTLINE":"Motorcycles","DEALSIZE":"Gigantic"}""";

        using var response = await _trees.PostAsync("/explain", Content(bad));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await ReadAsync(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("feature").GetString()).ToList();
        Assert.Contains("QUANTITYORDERED", errors);
        Assert.Contains("COUNTRY", errors);
        Assert.Contains("DEALSIZE", errors);
    }

    [Fact]
    public async Task Explain_MalformedJson_Is400NotA500()
    {
        using var response = await _linear.PostAsync("/explain", Content("{\"QUANTITYORDERED\": 3"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Malformed JSON", (await ReadAsync(response)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task OpenApi_DescribesExplain()
    {
        using var response = await _trees.GetAsync("/openapi.json");

        var json = await ReadAsync(response);
        Assert.True(json.GetProperty("paths").TryGetProperty("/explain", out var path));
        Assert.Equal("Explain", path.GetProperty("post").GetProperty("operationId").GetString());
        Assert.True(json.GetProperty("components").GetProperty("schemas").GetProperty("ExplainResponse").GetProperty("properties").TryGetProperty("base_value", out _));
    }

    private HttpClient Client(string which) => which == "trees" ? _trees : _linear;

    private async Task<HttpClient> ServeAsync(string name, CandidateConfig candidate)
    {
        var directory = Path.Combine(_root, name);
        var example = ExampleProjects.Create("sales", 1500);
        await (example with { Config = example.Config with { Training = example.Config.Training with { Candidates = [candidate] } } }).WriteToAsync(directory);
        await using (var project = await SextantProject.OpenAsync(directory))
        {
            await Ingestion.IngestAsync(project);
            await Trainer.TrainAsync(project, new TrainOptions());
        }

        var app = await SextantServer.BuildAsync(new ServerOptions { Project = directory, Urls = "http://127.0.0.1:0" });
        _apps.Add(app);
        await app.StartAsync();
        return new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
    }
}
