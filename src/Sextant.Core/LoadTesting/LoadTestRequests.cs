using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sextant.LoadTesting;

/// <summary>The endpoint's address and every request body, rendered once so that sending costs no serialisation.</summary>
internal sealed class LoadTestRequests
{
    private LoadTestRequests(Uri address, byte[][] bodies)
    {
        Address = address;
        Bodies = bodies;
    }

    public Uri Address { get; }

    public byte[][] Bodies { get; }

    public static async Task<LoadTestRequests> CreateAsync(HttpClient client, LoadTestOptions options, LoadTestBodies bodies, CancellationToken cancellationToken)
    {
        var records = bodies.Records.Select(r => r.ToJsonString()).ToArray();
        var path = options.Endpoint switch
        {
            LoadTestEndpoint.Predict => "predict",
            LoadTestEndpoint.Batch => "predict/batch",
            LoadTestEndpoint.Invocations => "invocations",
            _ => $"v2/models/{Uri.EscapeDataString(await ModelNameAsync(client, options, cancellationToken).ConfigureAwait(false))}/infer",
        };
        var rendered = options.Endpoint switch
        {
            LoadTestEndpoint.Predict => records,
            LoadTestEndpoint.Batch => [.. records.Select((_, i) => "[" + string.Join(',', Enumerable.Range(i, options.BatchSize).Select(j => records[j % records.Length])) + "]")],
            LoadTestEndpoint.Invocations => [.. records.Select(r => "{\"dataframe_records\":[" + r + "]}")],
            _ => [.. bodies.Records.Select(Tensors)],
        };
        return new LoadTestRequests(new Uri(BaseOf(options.Url), path), [.. rendered.Select(Encoding.UTF8.GetBytes)]);
    }

    // The base with a trailing slash, so that a relative path is appended to it rather than replacing its last segment.
    private static Uri BaseOf(Uri url) => url.AbsolutePath.EndsWith('/') ? url : new Uri(url + "/");

    private static async Task<string> ModelNameAsync(HttpClient client, LoadTestOptions options, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(new Uri(BaseOf(options.Url), "model"), cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var model = await JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
            return model?["name"]?.GetValue<string>() ?? throw new SextantException($"GET {options.Url}model did not name the model.");
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException)
        {
            throw new SextantException($"The v2 endpoint needs the served model's name, and GET /model failed: {ex.Message}");
        }
    }

    // One Open Inference Protocol tensor of shape [1] per feature.
    private static string Tensors(JsonObject record) =>
        new JsonObject
        {
            ["inputs"] = new JsonArray([.. record.Select(pair => (JsonNode)new JsonObject
            {
                ["name"] = pair.Key,
                ["shape"] = new JsonArray(1),
                ["datatype"] = pair.Value?.GetValueKind() == JsonValueKind.Number ? "FP64" : "BYTES",
                ["data"] = new JsonArray(pair.Value?.DeepClone()),
            })]),
        }.ToJsonString();
}
