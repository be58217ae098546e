using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Sextant.Server.Tests;

/// <summary>The HTTP API of the real server, over HTTP.</summary>
public sealed class PredictionApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    internal const string ValidRecord = """{"QUANTITYORDERED":30,"PRICEEACH":95.7,"ORDERLINENUMBER":2,"MSRP":95,"QTR_ID":1,"MONTH_ID":2,"YEAR_ID":2003,"PRODUCTLINE":"Motorcycles","COUNTRY":"USA","DEALSIZE":"Small"}""";

    private static readonly string[] s_features =
        ["COUNTRY", "DEALSIZE", "MONTH_ID", "MSRP", "ORDERLINENUMBER", "PRICEEACH", "PRODUCTLINE", "QTR_ID", "QUANTITYORDERED", "YEAR_ID"];

    [Fact]
    public async Task Health_Returns200Ok()
    {
        using var response = await server.Trained.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal("ok", json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Model_Trained_ReturnsVersionMetricsAndSchema()
    {
        using var response = await server.Trained.GetAsync("/model");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal("sales", json.GetProperty("name").GetString());
        Assert.Equal(server.Training.Version.Version, json.GetProperty("version").GetInt32());
        Assert.Equal("regression", json.GetProperty("task").GetString());
        Assert.Equal(server.Training.Artifact.Metrics["r2"], json.GetProperty("metrics").GetProperty("r2").GetDouble(), 12);
        Assert.Equal(server.Training.Artifact.DatasetFingerprint, json.GetProperty("dataset_fingerprint").GetString());
        var schema = json.GetProperty("schema");
        Assert.Equal("SALES", schema.GetProperty("target").GetString());
        Assert.Equal(s_features, schema.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Predict_ValidFlatRecord_Returns200WithPredictionVersionAndRequestId()
    {
        using var response = await PostAsync(server.Trained, ValidRecord);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = await JsonAsync(response);
        Assert.Equal(JsonValueKind.Number, json.GetProperty("prediction").ValueKind);
        Assert.True(double.IsFinite(json.GetProperty("prediction").GetDouble()));
        Assert.Equal(server.Training.Version.Version, json.GetProperty("model_version").GetInt32());
        Assert.Equal("sales", json.GetProperty("model_name").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("request_id").GetString()));
        Assert.Empty(json.GetProperty("warnings").EnumerateArray());
        Assert.False(json.TryGetProperty("label", out _), "a regression answer has no label.");
        Assert.False(json.TryGetProperty("probability", out _), "a regression answer has no probability.");
    }

    [Fact]
    public async Task Predict_RegressionModel_ReturnsP10AndP90AroundThePredictionFromTheCalibratedHalfWidth()
    {
        using var response = await PostAsync(server.Trained, ValidRecord);

        var json = await JsonAsync(response);
        var interval = server.Training.Artifact.Interval;
        Assert.NotNull(interval);
        var prediction = json.GetProperty("prediction").GetDouble();
        Assert.Equal(0.8, json.GetProperty("interval_coverage").GetDouble());
        Assert.Equal("split_conformal", json.GetProperty("interval_method").GetString());
        Assert.Equal(prediction - interval.HalfWidth, json.GetProperty("p10").GetDouble(), 9);
        Assert.Equal(prediction + interval.HalfWidth, json.GetProperty("p90").GetDouble(), 9);
        Assert.True(interval.HalfWidth > 0);

        using var model = await server.Trained.GetAsync("/model");
        var info = (await JsonAsync(model)).GetProperty("interval");
        Assert.Equal("p10", info.GetProperty("lower").GetString());
        Assert.Equal(interval.TestCoverage!.Value, info.GetProperty("test_coverage").GetDouble(), 12);
    }

    [Fact]
    public async Task Predict_TwoRequests_GetDistinctRequestIds()
    {
        using var first = await PostAsync(server.Trained, ValidRecord);
        using var second = await PostAsync(server.Trained, ValidRecord);

        var a = (await JsonAsync(first)).GetProperty("request_id").GetString();
        var b = (await JsonAsync(second)).GetProperty("request_id").GetString();
        Assert.NotEqual(a, b);
    }

    [Fact]
    public async Task Predict_WrappedFormWithRequestId_EchoesItAndPredictsLikeTheFlatForm()
    {
        using var flat = await PostAsync(server.Trained, ValidRecord);
        using var wrapped = await PostAsync(server.Trained, $$"""{"features":{{ValidRecord}},"request_id":"order-10107-line-2"}""");

        Assert.Equal(HttpStatusCode.OK, wrapped.StatusCode);
        var json = await JsonAsync(wrapped);
        Assert.Equal("order-10107-line-2", json.GetProperty("request_id").GetString());
        Assert.Equal((await JsonAsync(flat)).GetProperty("prediction").GetDouble(), json.GetProperty("prediction").GetDouble(), 12);
    }

    [Fact]
    public async Task Predict_RequestIdHeader_IsEchoed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/predict") { Content = JsonContent(ValidRecord) };
        request.Headers.Add("X-Request-Id", "from-header-42");
        using var response = await server.Trained.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("from-header-42", (await JsonAsync(response)).GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task Predict_UnknownExtraField_Returns200WithAWarningNamingIt()
    {
        using var response = await PostAsync(server.Trained, ValidRecord.TrimEnd('}') + ""","CUSTOMER_MOOD":"sunny"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        var warning = Assert.Single(json.GetProperty("warnings").EnumerateArray());
        Assert.Contains("CUSTOMER_MOOD", warning.GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Number, json.GetProperty("prediction").ValueKind);
    }

    [Fact]
    public async Task Predict_ValueJustOutsideWhatTrainingSaw_Returns200WithAWarningAndIsCounted()
    {
        // The model's schema carries what its fit rows held; the sales example declares QUANTITYORDERED 1..1000 (hard).
        var quantity = server.Training.Artifact.Schema.Find("QUANTITYORDERED")!;
        Assert.NotNull(quantity.ObservedMax);
        Assert.True(quantity.ObservedMax < 999, $"observed max {quantity.ObservedMax} leaves no room under the declared 1000.");
        var above = quantity.ObservedMax!.Value + 1;
        var record = ValidRecord.Replace("\"QUANTITYORDERED\":30", $"\"QUANTITYORDERED\":{above.ToString(System.Globalization.CultureInfo.InvariantCulture)}", StringComparison.Ordinal);

        using var response = await PostAsync(server.Trained, record);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.True(double.IsFinite(json.GetProperty("prediction").GetDouble()));
        var warning = Assert.Single(json.GetProperty("warnings").EnumerateArray()).GetString()!;
        Assert.Contains("QUANTITYORDERED", warning, StringComparison.Ordinal);
        Assert.Contains("above the highest value training saw", warning, StringComparison.Ordinal);
        Assert.Contains("by 1;", warning, StringComparison.Ordinal);

        using var metrics = await server.Trained.GetAsync("/metrics");
        var text = await metrics.Content.ReadAsStringAsync();
        var line = text.Split('\n').Single(l => l.StartsWith("sextant_prediction_warnings_total{feature=\"QUANTITYORDERED\",type=\"outside_observed\"}", StringComparison.Ordinal));
        Assert.True(long.Parse(line.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture) >= 1);
    }

    [Fact]
    public async Task Predict_DeclaredLimitBroken_Returns400EvenThoughObservedLimitsAreSoft()
    {
        var record = ValidRecord.Replace("\"QUANTITYORDERED\":30", "\"QUANTITYORDERED\":1001", StringComparison.Ordinal);

        using var response = await PostAsync(server.Trained, record);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await JsonAsync(response)).GetProperty("errors").EnumerateArray());
        Assert.Equal(("QUANTITYORDERED", "range"), (error.GetProperty("feature").GetString(), error.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Predict_WrongTypeMissingOutOfRangeAndNotAllowed_Returns400WithEveryError()
    {
        const string bad = """{"QUANTITYORDERED":"ten","PRICEEACH":-1,"ORDERLINENUMBER":2,"MSRP":95,"QTR_ID":1,"MONTH_ID":13,"YEAR_ID":2003,"PRODUCTLINE":"Rockets","COUNTRY":null}""";

        using var response = await PostAsync(server.Trained, bad);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = await JsonAsync(response);
        Assert.Equal(400, json.GetProperty("status").GetInt32());
        var errors = json.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(6, errors.Count);
        Assert.Equal(
            [("COUNTRY", "missing"), ("DEALSIZE", "missing"), ("MONTH_ID", "range"), ("PRICEEACH", "range"), ("PRODUCTLINE", "allowed"), ("QUANTITYORDERED", "type")],
            errors.Select(e => (e.GetProperty("feature").GetString(), e.GetProperty("type").GetString())).OrderBy(e => e.Item1, StringComparer.Ordinal));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("message").GetString())));
        var received = errors.ToDictionary(e => e.GetProperty("feature").GetString()!, e => e.TryGetProperty("received", out var r) ? r.GetString() : null);
        Assert.Equal("ten", received["QUANTITYORDERED"]);
        Assert.Equal("13", received["MONTH_ID"]);
        Assert.Equal("Rockets", received["PRODUCTLINE"]);
        Assert.Null(received["DEALSIZE"]);
    }

    [Fact]
    public async Task Predict_MissingFeature_Returns400NamingOnlyThatFeature()
    {
        using var response = await PostAsync(server.Trained, ValidRecord.Replace("\"MSRP\":95,", "", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await JsonAsync(response)).GetProperty("errors").EnumerateArray());
        Assert.Equal("MSRP", error.GetProperty("feature").GetString());
        Assert.Equal("missing", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Predict_MalformedJson_Returns400ProblemDetails()
    {
        using var response = await PostAsync(server.Trained, """{"QUANTITYORDERED": 30, "PRICEEACH": """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = await JsonAsync(response);
        Assert.Equal(400, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Predict_EmptyBody_Returns400ProblemDetails()
    {
        using var response = await PostAsync(server.Trained, "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Predict_JsonArrayInsteadOfObject_Returns400ProblemDetails()
    {
        using var response = await PostAsync(server.Trained, "[" + ValidRecord + "]");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var error = Assert.Single((await JsonAsync(response)).GetProperty("errors").EnumerateArray());
        Assert.Equal("type", error.GetProperty("type").GetString());
        Assert.Contains("object", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_BodyUnderTheLimit_IsServedByTheSmallLimitServer()
    {
        Assert.True(Encoding.UTF8.GetByteCount(ValidRecord) < ServerFixture.SmallBodyLimit);

        using var response = await PostAsync(server.SmallBodies, ValidRecord);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Predict_OversizedBody_Returns413ProblemDetailsNot500()
    {
        var body = Oversized();

        using var response = await PostAsync(server.SmallBodies, body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(413, (await JsonAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Predict_OversizedChunkedBody_Returns413ProblemDetailsNot500()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Oversized())));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/predict") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await server.SmallBodies.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Predict_NoTrainedModel_Returns503ProblemDetails()
    {
        using var response = await PostAsync(server.Untrained, ValidRecord);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = await JsonAsync(response);
        Assert.Equal(503, json.GetProperty("status").GetInt32());
        Assert.Contains("sextant train", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_NoTrainedModel_Returns503ProblemDetails()
    {
        using var response = await server.Untrained.GetAsync("/model");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(503, (await JsonAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Health_NoTrainedModel_StillReturns200()
    {
        using var response = await server.Untrained.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Oversized()
    {
        var body = ValidRecord.TrimEnd('}') + ",\"NOTES\":\"" + new string('x', 4 * (int)ServerFixture.SmallBodyLimit) + "\"}";
        Assert.True(Encoding.UTF8.GetByteCount(body) > ServerFixture.SmallBodyLimit);
        return body;
    }

    private static StringContent JsonContent(string body) => new(body, Encoding.UTF8, "application/json");

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string body) => client.PostAsync("/predict", JsonContent(body));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode} response is not JSON ({ex.Message}): {text}");
        }
    }
}
