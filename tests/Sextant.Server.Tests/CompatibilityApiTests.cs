using System.Net;
using System.Text;
using System.Text.Json;
using static Sextant.Server.Tests.HttpJson;

namespace Sextant.Server.Tests;

/// <summary>MLflow's /invocations formats and the Open Inference Protocol v2 give the same predictions as /predict/batch.</summary>
public sealed class CompatibilityApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string A = """{"QUANTITYORDERED":30,"PRICEEACH":95.7,"ORDERLINENUMBER":2,"MSRP":95,"QTR_ID":1,"MONTH_ID":2,"YEAR_ID":2003,"PRODUCTLINE":"Motorcycles","COUNTRY":"USA","DEALSIZE":"Small"}""";
    private const string B = """{"QUANTITYORDERED":45,"PRICEEACH":100,"ORDERLINENUMBER":5,"MSRP":150,"QTR_ID":4,"MONTH_ID":11,"YEAR_ID":2004,"PRODUCTLINE":"Classic Cars","COUNTRY":"France","DEALSIZE":"Large"}""";
    private static readonly string[] s_columns = ["QUANTITYORDERED", "PRICEEACH", "ORDERLINENUMBER", "MSRP", "QTR_ID", "MONTH_ID", "YEAR_ID", "PRODUCTLINE", "COUNTRY", "DEALSIZE"];

    private async Task<double[]> ExpectedAsync()
    {
        using var response = await server.Trained.PostAsync("/predict/batch", Content($"[{A},{B}]"));
        return [.. (await ReadAsync(response)).GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("prediction").GetDouble())];
    }

    private async Task<double[]> InvocationsAsync(HttpContent content)
    {
        using var response = await server.Trained.PostAsync("/invocations", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await ReadAsync(response)).GetProperty("predictions").EnumerateArray().Select(p => p.GetDouble())];
    }

    private static string Column(string name) =>
        "[" + string.Join(",", new[] { A, B }.Select(r => JsonDocument.Parse(r).RootElement.GetProperty(name).GetRawText())) + "]";

    [Fact]
    public async Task Invocations_EveryMlflowFormat_GivesTheSamePredictionsAsTheBatchEndpoint()
    {
        var expected = await ExpectedAsync();
        var rows = new[] { A, B }.Select(r => s_columns.Select(c => JsonDocument.Parse(r).RootElement.GetProperty(c)).ToArray()).ToArray();
        var split = JsonSerializer.Serialize(new { dataframe_split = new { columns = s_columns, data = rows } });
        var columnar = "{\"inputs\":{" + string.Join(",", s_columns.Select(c => $"\"{c}\":{Column(c)}")) + "}}";
        var csv = string.Join(",", s_columns) + "\n30,95.7,2,95,1,2,2003,Motorcycles,USA,Small\n45,100,5,150,4,11,2004,Classic Cars,France,Large\n";

        Assert.Equal(expected, await InvocationsAsync(Content(split)));
        Assert.Equal(expected, await InvocationsAsync(Content($"{{\"dataframe_records\":[{A},{B}]}}")));
        Assert.Equal(expected, await InvocationsAsync(Content($"{{\"instances\":[{A},{B}]}}")));
        Assert.Equal(expected, await InvocationsAsync(Content($"{{\"inputs\":[{A},{B}]}}")));
        Assert.Equal(expected, await InvocationsAsync(Content(columnar)));
        Assert.Equal(expected, await InvocationsAsync(new StringContent(csv, Encoding.UTF8, "text/csv")));
    }

    [Fact]
    public async Task Invocations_UnknownShapeOrBadRecord_Is400WithMlflowAndProblemFields()
    {
        using var unknown = await server.Trained.PostAsync("/invocations", Content("""{"rows":[]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var body = await ReadAsync(unknown);
        Assert.Equal("BAD_REQUEST", body.GetProperty("error_code").GetString());
        Assert.Contains("dataframe_split", body.GetProperty("message").GetString(), StringComparison.Ordinal);

        using var bad = await server.Trained.PostAsync("/invocations", Content($$"""{"dataframe_records":[{{A}},{"QUANTITYORDERED":"many"}]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await ReadAsync(bad)).GetProperty("errors").EnumerateArray().ToList();
        Assert.All(errors, e => Assert.Equal(1, e.GetProperty("index").GetInt32()));
        Assert.Contains(errors, e => e.GetProperty("feature").GetString() == "QUANTITYORDERED" && e.GetProperty("type").GetString() == "type");
    }

    [Fact]
    public async Task OpenInferenceProtocol_HealthMetadataAndInfer()
    {
        Assert.True((await ReadAsync(await server.Trained.GetAsync("/v2/health/live"))).GetProperty("live").GetBoolean());
        Assert.True((await ReadAsync(await server.Trained.GetAsync("/v2/health/ready"))).GetProperty("ready").GetBoolean());
        using (var notReady = await server.Untrained.GetAsync("/v2/health/ready"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        }

        var metadata = await ReadAsync(await server.Trained.GetAsync("/v2/models/sales"));
        Assert.Equal(s_columns.Order(StringComparer.Ordinal), metadata.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.Contains(metadata.GetProperty("outputs").EnumerateArray(), o => o.GetProperty("name").GetString() == "p90");

        var inputs = string.Join(",", s_columns.Select(c =>
            $$"""{"name":"{{c}}","shape":[2],"datatype":"{{(c is "PRODUCTLINE" or "COUNTRY" or "DEALSIZE" ? "BYTES" : "FP64")}}","data":{{Column(c)}}}"""));
        using var infer = await server.Trained.PostAsync("/v2/models/sales/infer", Content($$"""{"id":"r1","inputs":[{{inputs}}]}"""));
        Assert.Equal(HttpStatusCode.OK, infer.StatusCode);
        var answer = await ReadAsync(infer);
        Assert.Equal("r1", answer.GetProperty("id").GetString());
        var prediction = answer.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "prediction");
        Assert.Equal(await ExpectedAsync(), prediction.GetProperty("data").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal([2], prediction.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()));

        using var wrongModel = await server.Trained.PostAsync("/v2/models/housing/infer", Content($$"""{"inputs":[{{inputs}}]}"""));
        Assert.Equal(HttpStatusCode.NotFound, wrongModel.StatusCode);
        using var ragged = await server.Trained.PostAsync("/v2/models/sales/infer", Content("""{"inputs":[{"name":"MSRP","shape":[2],"datatype":"FP64","data":[1,2]},{"name":"QTR_ID","shape":[1],"datatype":"FP64","data":[1]}]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, ragged.StatusCode);
    }
}
