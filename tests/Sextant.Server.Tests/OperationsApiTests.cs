using System.Net;
using System.Text;
using System.Text.Json;

namespace Sextant.Server.Tests;

public sealed class OperationsApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Record = """{"QUANTITYORDERED":30,"PRICEEACH":95.7,"ORDERLINENUMBER":2,"MSRP":95,"QTR_ID":1,"MONTH_ID":2,"YEAR_ID":2003,"PRODUCTLINE":"Motorcycles","COUNTRY":"USA","DEALSIZE":"Small"}""";
    private const string Other = """{"QUANTITYORDERED":50,"PRICEEACH":100,"ORDERLINENUMBER":1,"MSRP":180,"QTR_ID":4,"MONTH_ID":11,"YEAR_ID":2004,"PRODUCTLINE":"Classic Cars","COUNTRY":"France","DEALSIZE":"Large"}""";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<double> PredictOneAsync(HttpClient client, string record)
    {
        using var response = await client.PostAsync("/predict", Json(record));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadAsync(response)).GetProperty("prediction").GetDouble();
    }

    [Fact]
    public async Task PredictBatch_ValidRecords_ReturnsPredictionsInOrderEqualToSingleCalls()
    {
        using var response = await server.Trained.PostAsync("/predict/batch", Json($"[{Record},{Other},{Record}]"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var predictions = (await ReadAsync(response)).GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("prediction").GetDouble()).ToArray();
        Assert.Equal(3, predictions.Length);
        Assert.Equal(await PredictOneAsync(server.Trained, Record), predictions[0]);
        Assert.Equal(await PredictOneAsync(server.Trained, Other), predictions[1]);
        Assert.Equal(predictions[0], predictions[2]);
        Assert.NotEqual(predictions[0], predictions[1]);
    }

    [Fact]
    public async Task PredictBatch_OneBadRecord_Returns400ListingItsIndexAndProblems()
    {
        var bad = Record.Replace("\"DEALSIZE\":\"Small\"", "\"DEALSIZE\":\"Huge\"", StringComparison.Ordinal).Replace("\"MSRP\":95", "\"MSRP\":\"x\"", StringComparison.Ordinal);
        using var response = await server.Trained.PostAsync("/predict/batch", Json($"[{Record},{bad}]"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await ReadAsync(response)).GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal(1, e.GetProperty("index").GetInt32()));
        Assert.Contains(errors, e => e.GetProperty("feature").GetString() == "DEALSIZE" && e.GetProperty("type").GetString() == "allowed");
        Assert.Contains(errors, e => e.GetProperty("feature").GetString() == "MSRP" && e.GetProperty("type").GetString() == "type");
    }

    [Fact]
    public async Task PredictBatch_OverTheLimitOrNotAnArray_Returns400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/predict/batch") { Content = Json($"[{Record},{Record},{Record},{Record}]") };
        request.Headers.Add("X-API-Key", ServerFixture.PredictionKey);
        using var tooMany = await server.Keyed.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("limit is 3", (await ReadAsync(tooMany)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var notArray = await server.Trained.PostAsync("/predict/batch", Json(Record));
        Assert.Equal(HttpStatusCode.BadRequest, notArray.StatusCode);
    }

    [Fact]
    public async Task Ready_TrainedIs200_UntrainedIs503()
    {
        using var ready = await server.Trained.GetAsync("/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(1, (await ReadAsync(ready)).GetProperty("version").GetInt32());
        using var notReady = await server.Untrained.GetAsync("/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("application/problem+json", notReady.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Metrics_AfterRequests_ExposesCountersHistogramsAndValidationFailuresInPrometheusFormat()
    {
        await PredictOneAsync(server.Trained, Record);
        using (await server.Trained.PostAsync("/predict", Json("""{"QUANTITYORDERED":-5}"""))) { }

        using var response = await server.Trained.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("# TYPE sextant_http_requests_total counter", lines);
        Assert.Contains("# TYPE sextant_http_request_duration_seconds histogram", lines);
        Assert.Contains(lines, l => l.StartsWith("sextant_http_requests_total{route=\"/predict\",method=\"POST\",status=\"200\"} ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("sextant_http_requests_total{route=\"/predict\",method=\"POST\",status=\"400\"} ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("sextant_http_request_duration_seconds_bucket{route=\"/predict\",le=\"+Inf\"} ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("sextant_predictions_total{model=\"sales\",version=\"1\"} ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("sextant_validation_failures_total{type=\"range\"} ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("sextant_validation_failures_total{type=\"missing\"} ", StringComparison.Ordinal));
        Assert.Contains("sextant_model_loads_total{outcome=\"success\"} 1", lines);

        // Every sample line is "name{labels} value" with a parseable value; buckets are cumulative.
        foreach (var line in lines.Where(l => !l.StartsWith('#')))
        {
            var value = line[(line.LastIndexOf(' ') + 1)..];
            Assert.True(double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _), line);
        }

        var buckets = lines.Where(l => l.StartsWith("sextant_http_request_duration_seconds_bucket{route=\"/predict\"", StringComparison.Ordinal))
            .Select(l => long.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(buckets.Order(), buckets);

        using var json = await server.Trained.GetAsync("/metrics/json");
        Assert.True((await ReadAsync(json)).GetProperty("uptime_seconds").GetDouble() > 0);
    }

    [Fact]
    public async Task OpenApi_RequestSchemaComesFromTheFeatureSchema()
    {
        using var response = await server.Trained.GetAsync("/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await ReadAsync(response);
        Assert.Equal("3.0.3", document.GetProperty("openapi").GetString());
        var features = document.GetProperty("components").GetProperty("schemas").GetProperty("Features");
        var properties = features.GetProperty("properties");
        Assert.Equal(["Small", "Medium", "Large"], properties.GetProperty("DEALSIZE").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, properties.GetProperty("QUANTITYORDERED").GetProperty("minimum").GetDouble());
        Assert.Equal(1000, properties.GetProperty("QUANTITYORDERED").GetProperty("maximum").GetDouble());
        Assert.Equal("number", properties.GetProperty("MSRP").GetProperty("type").GetString());
        Assert.Equal(10, features.GetProperty("required").GetArrayLength());
        Assert.True(document.GetProperty("paths").TryGetProperty("/predict/batch", out _));

        using var docs = await server.Trained.GetAsync("/docs/index.html");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }

    [Fact]
    public async Task ApiKeys_PredictionNeedsAValidKeyWhenConfigured()
    {
        using var none = await server.Keyed.PostAsync("/predict", Json(Record));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);

        foreach (var (key, expected) in new[] { ("wrong", HttpStatusCode.Unauthorized), (ServerFixture.PredictionKey, HttpStatusCode.OK), (ServerFixture.AdminKey, HttpStatusCode.OK) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/predict") { Content = Json(Record) };
            request.Headers.Add("X-API-Key", key);
            using var response = await server.Keyed.SendAsync(request);
            Assert.Equal(expected, response.StatusCode);
        }

        // Without configured prediction keys, prediction is open.
        Assert.True(await PredictOneAsync(server.Trained, Record) > 0);
    }

    [Fact]
    public async Task Reload_NeedsTheAdminKey_AndAFailedLoadKeepsTheServedModel()
    {
        using var disabled = await server.Trained.PostAsync("/model/reload", null);
        Assert.Equal(HttpStatusCode.Forbidden, disabled.StatusCode);

        using var predictionKey = new HttpRequestMessage(HttpMethod.Post, "/model/reload");
        predictionKey.Headers.Add("X-API-Key", ServerFixture.PredictionKey);
        using var refused = await server.Keyed.SendAsync(predictionKey);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var missingVersion = new HttpRequestMessage(HttpMethod.Post, "/model/reload?version=99");
        missingVersion.Headers.Add("X-API-Key", ServerFixture.AdminKey);
        using var failed = await server.Keyed.SendAsync(missingVersion);
        Assert.Equal(HttpStatusCode.Conflict, failed.StatusCode);
        Assert.Equal(1, (await ReadAsync(failed)).GetProperty("serving_version").GetInt32());

        using var reload = new HttpRequestMessage(HttpMethod.Post, "/model/reload");
        reload.Headers.Add("X-API-Key", ServerFixture.AdminKey);
        using var ok = await server.Keyed.SendAsync(reload);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(1, (await ReadAsync(ok)).GetProperty("version").GetInt32());

        using var predict = new HttpRequestMessage(HttpMethod.Post, "/predict") { Content = Json(Record) };
        predict.Headers.Add("X-API-Key", ServerFixture.PredictionKey);
        using var afterwards = await server.Keyed.SendAsync(predict);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }
}
