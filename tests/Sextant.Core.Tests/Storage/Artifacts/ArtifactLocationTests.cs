using Sextant.Storage.Artifacts;

namespace Sextant.Core.Tests.Storage.Artifacts;

public sealed class ArtifactLocationTests
{
    private static readonly Dictionary<string, string> s_none = [];

    [Fact]
    public void Open_NoUrl_IsTheProjectFolder()
    {
        var store = Assert.IsType<LocalArtifactStore>(ArtifactLocation.Open(null, "/p", "/p/.sextant/artifacts"));
        Assert.Equal("/p/.sextant/artifacts", store.Directory);
    }

    [Fact]
    public void Open_RelativeFolderOrFileUrl_IsAFolderAgainstTheProject()
    {
        Assert.Equal("/p/shared/art", Assert.IsType<LocalArtifactStore>(ArtifactLocation.Open("shared/art", "/p", "/x")).Directory);
        Assert.Equal("/mnt/art", Assert.IsType<LocalArtifactStore>(ArtifactLocation.Open("file:///mnt/art", "/p", "/x")).Directory);
    }

    [Fact]
    public void Open_OtherScheme_IsAClearError()
    {
        var error = Assert.Throws<SextantException>(() => ArtifactLocation.Open("gs://bucket/x", "/p", "/x"));
        Assert.Contains("s3://bucket/prefix", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BucketAndPrefix_WithoutEndpoint_IsVirtualHostedAws()
    {
        var location = S3ArtifactLocation.Parse("s3://models/team/a/", s_none.GetValueOrDefault);
        Assert.Equal(new S3ArtifactLocation("models", "team/a", null, "us-east-1", PathStyle: false), location);
        Assert.Equal("team/a/abc.json", location.KeyOf("abc"));
        Assert.Equal("abc.json", S3ArtifactLocation.Parse("s3://models", s_none.GetValueOrDefault).KeyOf("abc"));
    }

    [Fact]
    public void Parse_EndpointFromEnvironment_TurnsOnPathStyle_AndTheUrlWins()
    {
        var env = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9000", ["AWS_REGION"] = "eu-west-1" };
        var fromEnv = S3ArtifactLocation.Parse("s3://b/p", env.GetValueOrDefault);
        Assert.Equal(new Uri("http://127.0.0.1:9000"), fromEnv.Endpoint);
        Assert.True(fromEnv.PathStyle);
        Assert.Equal("eu-west-1", fromEnv.Region);

        env["AWS_ENDPOINT_URL_S3"] = "http://127.0.0.1:9001";
        Assert.Equal(9001, S3ArtifactLocation.Parse("s3://b/p", env.GetValueOrDefault).Endpoint!.Port);
        var fromUrl = S3ArtifactLocation.Parse("s3://b/p?endpoint=http%3A%2F%2Fminio%3A9002&region=auto&path_style=false", env.GetValueOrDefault);
        Assert.Equal(new S3ArtifactLocation("b", "p", new Uri("http://minio:9002"), "auto", PathStyle: false), fromUrl);
    }

    [Theory]
    [InlineData("s3://", "no bucket")]
    [InlineData("s3://b/p?endpont=http://x", "'endpont' is not an option")]
    [InlineData("s3://b/p?endpoint=minio:9000", "not an http(s) URL")]
    [InlineData("s3://b/p?path_style=yes", "path_style must be true or false")]
    public void Parse_Malformed_SaysWhy(string url, string why)
    {
        var error = Assert.Throws<SextantException>(() => S3ArtifactLocation.Parse(url, s_none.GetValueOrDefault));
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }
}
