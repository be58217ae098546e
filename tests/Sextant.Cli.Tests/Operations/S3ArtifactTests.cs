using System.Net;
using System.Text;
using Amazon.S3.Model;

namespace Sextant.Cli.Tests.Operations;

/// <summary>
/// Artifacts on a real S3-protocol server (moto): a model trained and registered by one process is loaded from the
/// bucket by <c>sextant serve</c> and <c>sextant predict</c> in others; a tampered object, a missing bucket and an
/// unreachable endpoint are one clear line each, never a stack trace.
/// </summary>
public sealed class S3ArtifactTests(MotoServer moto) : IClassFixture<MotoServer>, IDisposable
{
    private readonly TempFolder _folder = new("sextant-s3");

    [Fact]
    public async Task TrainRegisterServe_ArtifactsInS3_TheServerLoadsTheModelFromTheBucket()
    {
        var project = await TrainedProjectAsync("served");

        // Nothing went to the local folder: every artifact of the run is an object under the prefix.
        var local = Path.Combine(project, ".sextant", "artifacts");
        Assert.False(Directory.Exists(local) && Directory.EnumerateFiles(local).Any(), $"artifacts were written to {local}");
        using var client = moto.Client();
        var keys = (await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = MotoServer.Bucket, Prefix = "served/" })).S3Objects.Select(o => o.Key).ToList();
        var registered = (await CliProcess.RunAsync(moto.Environment("served"), "registry", "show", "-p", project, "1", "--format", "json")).ShouldExit(0).Json();
        var sha = registered.GetProperty("version").GetProperty("artifact_sha256").GetString()!;
        Assert.Contains($"served/{sha}.json", keys);

        await using var server = await ServeProcess.StartAsync(moto.Environment("served"), "-p", project);
        using var response = await server.Client.PostAsync("/predict", new StringContent(SalesProjectFixture.ValidRecord, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"model_version\":1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Without the S3 settings the same project looks in its empty local folder and says so.
        var withoutS3 = await CliProcess.RunAsync(null, "predict", "-p", project, "--json", SalesProjectFixture.ValidRecord);
        Assert.Equal(1, withoutS3.ExitCode);
        Assert.Contains("is missing from", withoutS3.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_TamperedObject_IsDetectedByChecksum_AsOneClearError()
    {
        var store = moto.Store("tampered");
        var sha = await store.PutAsync(Encoding.UTF8.GetBytes("{\"model\": 1}"));
        Assert.Equal("{\"model\": 1}", Encoding.UTF8.GetString(await store.GetAsync(sha)));

        using var client = moto.Client();
        await client.PutObjectAsync(new PutObjectRequest { BucketName = MotoServer.Bucket, Key = $"tampered/{sha}.json", ContentBody = "{\"model\": 2}" });
        var error = await Assert.ThrowsAsync<SextantException>(() => store.GetAsync(sha));
        Assert.Contains("is corrupted", error.Message, StringComparison.Ordinal);
        Assert.Contains("s3://sextant-artifacts/tampered", error.Message, StringComparison.Ordinal);

        // Through the command line too: a registered model whose object was changed is refused, in one line.
        var project = await TrainedProjectAsync("tampered-model");
        var registered = (await CliProcess.RunAsync(moto.Environment("tampered-model"), "registry", "show", "-p", project, "1", "--format", "json")).ShouldExit(0).Json();
        var modelKey = $"tampered-model/{registered.GetProperty("version").GetProperty("artifact_sha256").GetString()}.json";
        using (var original = await client.GetObjectAsync(MotoServer.Bucket, modelKey))
        using (var bytes = new MemoryStream())
        {
            await original.ResponseStream.CopyToAsync(bytes);
            var tampered = bytes.ToArray();
            tampered[tampered.Length / 2] ^= 0x20;
            await client.PutObjectAsync(new PutObjectRequest { BucketName = MotoServer.Bucket, Key = modelKey, InputStream = new MemoryStream(tampered) });
        }

        var predict = await CliProcess.RunAsync(moto.Environment("tampered-model"), "predict", "-p", project, "--json", SalesProjectFixture.ValidRecord);
        Assert.Equal(1, predict.ExitCode);
        Assert.Contains("is corrupted", predict.Stderr, StringComparison.Ordinal);
        AssertNoStackTrace(predict);
    }

    [Fact]
    public async Task MissingBucket_IsOneClearErrorNamingTheBucket()
    {
        var missing = moto.Store("x", bucket: "no-such-bucket");
        var error = await Assert.ThrowsAsync<SextantException>(() => missing.PutAsync(new byte[] { 1, 2, 3 }));
        Assert.Contains("bucket 'no-such-bucket' does not exist", error.Message, StringComparison.Ordinal);

        var project = await IngestedProjectAsync("nobucket");
        var train = await CliProcess.RunAsync(moto.Environment("p", bucket: "no-such-bucket"), "train", "-p", project);
        Assert.Equal(1, train.ExitCode);
        Assert.Contains("bucket 'no-such-bucket' does not exist", train.Stderr, StringComparison.Ordinal);
        AssertNoStackTrace(train);
    }

    [Fact]
    public async Task UnreachableEndpoint_IsOneClearErrorNamingTheEndpoint()
    {
        var project = await IngestedProjectAsync("unreachable");
        var environment = moto.Environment("p");
        environment["AWS_ENDPOINT_URL"] = $"http://127.0.0.1:{MotoServer.FreePort()}";
        var train = await CliProcess.RunAsync(environment, "train", "-p", project);
        Assert.Equal(1, train.ExitCode);
        Assert.Contains("Cannot reach the artifact store", train.Stderr, StringComparison.Ordinal);
        Assert.Contains(environment["AWS_ENDPOINT_URL"], train.Stderr, StringComparison.Ordinal);
        AssertNoStackTrace(train);
    }

    [Fact]
    public async Task RefusedCredentials_AreOneClearErrorSayingWhatToCheck()
    {
        var checking = new MotoServer(authenticate: true);
        try
        {
            await checking.InitializeAsync();
            var error = await Assert.ThrowsAsync<SextantException>(() => checking.Store("p").PutAsync(new byte[] { 1 }));
            Assert.Contains("refused the credentials (InvalidAccessKeyId", error.Message, StringComparison.Ordinal);

            var project = await IngestedProjectAsync("badkeys");
            var train = await CliProcess.RunAsync(checking.Environment("p"), "train", "-p", project);
            Assert.Equal(1, train.ExitCode);
            Assert.Contains("AWS_ACCESS_KEY_ID", train.Stderr, StringComparison.Ordinal);
            AssertNoStackTrace(train);
        }
        finally
        {
            await checking.DisposeAsync();
        }
    }

    public void Dispose() => _folder.Dispose();

    private static void AssertNoStackTrace(CliResult result) =>
        Assert.False(result.Stderr.Contains("   at ", StringComparison.Ordinal), $"a stack trace reached the user:{Environment.NewLine}{result.Stderr}");

    private async Task<string> IngestedProjectAsync(string name)
    {
        var project = _folder.Combine(name);
        (await Cli.RunAsync("init", project, "--example", "sales")).ShouldExit(0);
        // One linear candidate: these tests are about where the artifact goes, not about training.
        var config = Path.Combine(project, "sextant.yaml");
        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(config)).Replace("candidates: []", "candidates: [{learner: ridge, l2: 1}]", StringComparison.Ordinal));
        (await Cli.RunAsync("ingest", "-p", project)).ShouldExit(0);
        return project;
    }

    private async Task<string> TrainedProjectAsync(string prefix)
    {
        var project = await IngestedProjectAsync(prefix);
        (await CliProcess.RunAsync(moto.Environment(prefix), "train", "-p", project)).ShouldExit(0);
        return project;
    }
}
