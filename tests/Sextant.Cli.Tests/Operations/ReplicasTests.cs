using System.Diagnostics;
using System.Net;
using System.Text;
using Sextant.Core.Tests.Storage;

namespace Sextant.Cli.Tests.Operations;

/// <summary>
/// Two <c>sextant serve</c> processes on one PostgreSQL store and one S3 bucket, as two replicas of a Deployment: a
/// promotion through one replica's API is served by both (LISTEN/NOTIFY on the alias history; each loads the new
/// version's artifact from the bucket).
/// </summary>
public sealed class ReplicasTests(MotoServer moto, PostgresDatabase postgres, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<MotoServer>, IClassFixture<PostgresDatabase>, IDisposable
{
    private const string AdminKey = "replica-admin-key";

    private readonly TempFolder _folder = new("sextant-replicas");

    [PostgresFact]
    public async Task PromotionThroughOneReplica_IsServedByBoth()
    {
        var project = _folder.Combine("sales");
        (await Cli.RunAsync("init", project, "--example", "sales", "--rows", "900")).ShouldExit(0);
        var yaml = Path.Combine(project, "sextant.yaml");
        var text = (await File.ReadAllTextAsync(yaml)).Replace("candidates: []", "candidates: [{learner: ridge, l2: 1}]", StringComparison.Ordinal);
        await File.WriteAllTextAsync(yaml, text + $"\nstore: {postgres.Url}\n");
        (await Cli.RunAsync("ingest", "-p", project)).ShouldExit(0);
        var environment = moto.Environment("replicas");
        environment["SEXTANT_ADMIN_KEYS"] = AdminKey;
        (await CliProcess.RunAsync(environment, "train", "-p", project)).ShouldExit(0);
        (await CliProcess.RunAsync(environment, "train", "-p", project)).ShouldExit(0);
        (await CliProcess.RunAsync(environment, "registry", "promote", "-p", project, "1", "--to", "prod", "--force", "--reason", "first")).ShouldExit(0);

        await using var a = await ServeProcess.StartAsync(environment, "-p", project, "--alias", "prod");
        await using var b = await ServeProcess.StartAsync(environment, "-p", project, "--alias", "prod");
        Assert.Equal(1, await a.ModelVersionAsync());
        Assert.Equal(1, await b.ModelVersionAsync());

        using var promote = new HttpRequestMessage(HttpMethod.Post, "/registry/promote")
        {
            Content = new StringContent("""{"version":2,"alias":"prod","reason":"through replica a","force":true}""", Encoding.UTF8, "application/json"),
        };
        promote.Headers.Add("X-API-Key", AdminKey);
        using (var response = await a.Client.SendAsync(promote))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // The other replica switches on the store's notification, well before its 5 s poll would.
        var watch = Stopwatch.StartNew();
        while (await b.ModelVersionAsync() != 2)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), "replica b did not switch to v2 within 4 s of the promotion through replica a");
            await Task.Delay(20);
        }

        output.WriteLine($"replica b served v2 {watch.Elapsed.TotalMilliseconds:F0} ms after replica a answered the promotion");
        Assert.Equal(2, await a.ModelVersionAsync());
        foreach (var replica in new[] { a, b })
        {
            using var response = await replica.Client.PostAsync("/predict", new StringContent(SalesProjectFixture.ValidRecord, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"model_version\":2", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    public void Dispose() => _folder.Dispose();
}
