namespace Sextant.Storage.Artifacts;

/// <summary>
/// Where artifacts live on S3-compatible object storage: <c>s3://bucket/prefix</c>, with an optional
/// <c>?endpoint=http://host:9000&amp;region=eu-west-1&amp;path_style=false</c> query.
/// </summary>
/// <param name="Bucket">The bucket; it must exist (Sextant never creates one).</param>
/// <param name="Prefix">The key prefix of the artifacts, without leading or trailing slash; may be empty.</param>
/// <param name="Endpoint">An S3-compatible server's URL, or null for AWS itself. <value>Default: the URL's <c>endpoint</c>, else <c>AWS_ENDPOINT_URL_S3</c>, else <c>AWS_ENDPOINT_URL</c>.</value></param>
/// <param name="Region">The signing region. <value>Default: the URL's <c>region</c>, else <c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c>, else us-east-1.</value></param>
/// <param name="PathStyle">Path-style addressing (<c>endpoint/bucket/key</c>), which S3-compatible servers need. <value>Default: true when an endpoint is set.</value></param>
public sealed record S3ArtifactLocation(string Bucket, string Prefix, Uri? Endpoint, string Region, bool PathStyle)
{
    /// <summary>The object key of an artifact.</summary>
    public string KeyOf(string sha256) => Prefix.Length == 0 ? ArtifactStore.NameOf(sha256) : Prefix + "/" + ArtifactStore.NameOf(sha256);

    /// <summary>The location for messages: <c>s3://bucket/prefix at http://endpoint</c>.</summary>
    public override string ToString() => $"s3://{Bucket}/{Prefix}" + (Endpoint is null ? "" : $" at {Endpoint.GetLeftPart(UriPartial.Authority)}");

    /// <summary>Reads an <c>s3://</c> URL, taking what it leaves out from the standard AWS environment variables.</summary>
    /// <exception cref="SextantException">The URL has no bucket, or an unknown or malformed option.</exception>
    public static S3ArtifactLocation Parse(string url, Func<string, string?>? environment = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        environment ??= Environment.GetEnvironmentVariable;
        if (!url.StartsWith(ArtifactLocation.S3Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw Bad(url, "it does not start with s3://");
        }

        var rest = url[ArtifactLocation.S3Scheme.Length..];
        var query = "";
        if (rest.IndexOf('?', StringComparison.Ordinal) is var q and >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? "" : rest[(slash + 1)..].Trim('/');
        if (bucket.Length == 0)
        {
            throw Bad(url, "it names no bucket");
        }

        string? endpoint = null, region = null, pathStyle = null;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            switch (Uri.UnescapeDataString(kv[0]))
            {
                case "endpoint": endpoint = value; break;
                case "region": region = value; break;
                case "path_style": pathStyle = value; break;
                default: throw Bad(url, $"'{kv[0]}' is not an option (endpoint, region, path_style)");
            }
        }

        endpoint = NonEmpty(endpoint) ?? NonEmpty(environment("AWS_ENDPOINT_URL_S3")) ?? NonEmpty(environment("AWS_ENDPOINT_URL"));
        Uri? endpointUri = null;
        if (endpoint is not null && (!Uri.TryCreate(endpoint, UriKind.Absolute, out endpointUri) || endpointUri.Scheme is not ("http" or "https")))
        {
            throw Bad(url, $"the endpoint '{endpoint}' is not an http(s) URL");
        }

        var style = pathStyle switch
        {
            null => endpointUri is not null,
            "true" => true,
            "false" => false,
            _ => throw Bad(url, $"path_style must be true or false, not '{pathStyle}'"),
        };
        region = NonEmpty(region) ?? NonEmpty(environment("AWS_REGION")) ?? NonEmpty(environment("AWS_DEFAULT_REGION")) ?? "us-east-1";
        return new S3ArtifactLocation(bucket, prefix, endpointUri, region, style);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static SextantException Bad(string url, string why) =>
        new($"Artifact store URL '{url}' is not valid: {why}. Use s3://bucket/prefix, optionally ?endpoint=http://host:9000&region=us-east-1.");
}
