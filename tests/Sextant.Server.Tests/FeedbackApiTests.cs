using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Sextant.Core.Tests.Monitoring;
using Sextant.Data.Ingest;
using Sextant.Examples;
using Sextant.Projects;
using Sextant.Training;
using static Sextant.Server.Tests.HttpJson;

namespace Sextant.Server.Tests;

/// <summary>
/// <c>POST /feedback</c> over real HTTP: actual values joined to /predict answers by their request ids, unknown ids
/// refusing the batch (422, listed) or skipped on request, malformed items each named, and the labels reaching the
/// realised performance of <c>GET /monitoring/drift</c>.
/// </summary>
public sealed class FeedbackApiTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"sextant-feedback-api-{Guid.NewGuid():N}");
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private IReadOnlyList<string> _records = null!;
    private IReadOnlyList<double> _actuals = null!;

    public async Task InitializeAsync()
    {
        var example = ExampleProjects.Create("sales");
        await (example with { Config = example.Config with { Training = example.Config.Training with { Candidates = [new() { Learner = "ridge", L2 = 1 }] } } }).WriteToAsync(_root);
        await using (var project = await SextantProject.OpenAsync(_root))
        {
            await Ingestion.IngestAsync(project);
            await Trainer.TrainAsync(project, new TrainOptions());
            (_records, _actuals) = await SalesTraffic.SampleAsync(project, 6, seed: 3, drifted: false);
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

    // Predicts each record under its own request id and waits until the prediction log (written in the background) holds them all.
    private async Task<List<string>> PredictAsync()
    {
        var ids = new List<string>();
        foreach (var record in _records)
        {
            var id = Guid.NewGuid().ToString("N");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/predict") { Content = Content(record) };
            request.Headers.Add("X-Request-Id", id);
            using var response = await _client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            ids.Add(id);
        }

        await using var project = await SextantProject.OpenAsync(_root);
        using var waited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        foreach (var id in ids)
        {
            while (!await project.Metadata.PredictionLoggedAsync(id))
            {
                await Task.Delay(50, waited.Token);
            }
        }

        return ids;
    }

    private async Task<int> LabelledAsync()
    {
        using var response = await _client.GetAsync("/monitoring/drift?last=1000");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadAsync(response)).GetProperty("performance").GetProperty("labelled_rows").GetInt32();
    }

    private string Items(IReadOnlyList<string> ids, string? extraId = null) =>
        "[" + string.Join(",", ids.Select((id, i) => $$"""{"request_id": "{{id}}", "actual": {{_actuals[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}}}"""))
        + (extraId is null ? "" : $$""", {"request_id": "{{extraId}}", "actual": 12.5}""") + "]";

    [Fact]
    public async Task Feedback_JoinsByRequestId_AndTheLabelsReachTheRealisedPerformance()
    {
        var ids = await PredictAsync();

        using var response = await _client.PostAsync("/feedback", Content(Items(ids)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadAsync(response);
        Assert.Equal((6, 6, 0, 0), (body.GetProperty("received").GetInt32(), body.GetProperty("recorded").GetInt32(), body.GetProperty("corrected").GetInt32(), body.GetProperty("unknown").GetArrayLength()));
        Assert.Equal(6, await LabelledAsync());

        // One object (not an array) corrects a value.
        using var one = await _client.PostAsync("/feedback", Content($$"""{"request_id": "{{ids[0]}}", "actual": "1234.5"}"""));
        Assert.Equal(1, (await ReadAsync(one)).GetProperty("corrected").GetInt32());
    }

    [Fact]
    public async Task Feedback_WithAnUnknownId_Is422_ListingIt_AndStoresNothing_UnlessSkipUnknown()
    {
        var ids = await PredictAsync();

        using var refused = await _client.PostAsync("/feedback", Content(Items(ids, extraId: "never-served")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await ReadAsync(refused);
        Assert.Equal(["never-served"], problem.GetProperty("unknown_request_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("nothing was stored", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await LabelledAsync());

        using var skipped = await _client.PostAsync("/feedback?skip_unknown=true", Content(Items(ids, extraId: "never-served")));
        Assert.Equal(HttpStatusCode.OK, skipped.StatusCode);
        var body = await ReadAsync(skipped);
        Assert.Equal(6, body.GetProperty("recorded").GetInt32());
        Assert.Equal(["never-served"], body.GetProperty("unknown").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(6, await LabelledAsync());
    }

    [Theory]
    [InlineData("""[{"request_id": "a", "actual": "lots"}, {"actual": 3}, {"request_id": "b"}]""", 422, "\"problems\":[\"item 1 ('a'): actual 'lots' is not a finite number")]
    [InlineData("""[]""", 422, "no feedback items were given")]
    [InlineData("""42""", 400, "an array of them, or")]
    [InlineData("""[1, 2]""", 400, "Item 1 is a JSON number")]
    [InlineData("""{"request_id": """, 400, "The body is not JSON")]
    public async Task Feedback_Malformed_IsRefusedWithEveryProblemNamed(string body, int status, string says)
    {
        using var response = await _client.PostAsync("/feedback", Content(body));

        Assert.Equal(status, (int)response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains(says, text, StringComparison.Ordinal);
        if (body.StartsWith("[{", StringComparison.Ordinal))
        {
            using var json = JsonDocument.Parse(text);
            Assert.Equal(3, json.RootElement.GetProperty("problems").GetArrayLength());
        }
    }

    [Fact]
    public async Task ARefusedPrediction_IsCountedAsASchemaViolation_NotAsAPrediction()
    {
        await PredictAsync();
        using (var refused = await _client.PostAsync("/predict", Content("""{"QUANTITYORDERED": "many"}""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using var waited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        JsonElement drift;
        do
        {
            await Task.Delay(50, waited.Token);
            drift = await ReadAsync(await _client.GetAsync("/monitoring/drift?last=1000"));
        }
        while (drift.GetProperty("refused").GetProperty("count").GetInt32() == 0);

        Assert.Equal(6, drift.GetProperty("window_rows").GetInt32());
        Assert.Equal(1, drift.GetProperty("refused").GetProperty("by_feature").GetProperty("QUANTITYORDERED").GetInt32());
    }
}
