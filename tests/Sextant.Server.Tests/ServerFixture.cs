using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Sextant.Data.Ingest;
using Sextant.Examples;
using Sextant.Projects;
using Sextant.Server;
using Sextant.Training;

namespace Sextant.Server.Tests;

/// <summary>
/// The sales example prepared through Core and trained once, served by the real Kestrel server on a free port of
/// 127.0.0.1; a second server of the same project with a 1 KiB body limit, and a third of a project with no model.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public const long SmallBodyLimit = 1024;

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"sextant-server-tests-{Guid.NewGuid():N}");
    private readonly List<WebApplication> _apps = [];
    private readonly List<HttpClient> _clients = [];

    /// <summary>The served model, default options.</summary>
    public HttpClient Trained { get; private set; } = null!;

    /// <summary>The same model with <see cref="ServerOptions.MaxRequestBodyBytes"/> = <see cref="SmallBodyLimit"/>.</summary>
    public HttpClient SmallBodies { get; private set; } = null!;

    /// <summary>A project whose data was never trained.</summary>
    public HttpClient Untrained { get; private set; } = null!;

    /// <summary>The same model with a prediction key, an admin key and a batch limit of 3.</summary>
    public HttpClient Keyed { get; private set; } = null!;

    public const string PredictionKey = "predict-key-1";

    public const string AdminKey = "admin-key-1";

    public const int SmallBatchLimit = 3;

    public TrainResult Training { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var trained = await WriteSalesExampleAsync(Path.Combine(_root, "sales"));
        var project = await SextantProject.OpenAsync(trained);
        await Ingestion.IngestAsync(project);
        Training = await Trainer.TrainAsync(project, new TrainOptions());

        Trained = await StartAsync(new ServerOptions { Project = trained, Urls = "http://127.0.0.1:0" });
        SmallBodies = await StartAsync(new ServerOptions { Project = trained, Urls = "http://127.0.0.1:0", MaxRequestBodyBytes = SmallBodyLimit });
        Keyed = await StartAsync(new ServerOptions { Project = trained, Urls = "http://127.0.0.1:0", ApiKeys = [PredictionKey], AdminKeys = [AdminKey], MaxBatchSize = SmallBatchLimit });
        Untrained = await StartAsync(new ServerOptions { Project = await WriteSalesExampleAsync(Path.Combine(_root, "untrained")), Urls = "http://127.0.0.1:0" });
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        foreach (var app in _apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    // As 'sextant quickstart' writes it: the example's data file and its sextant.yaml.
    private static async Task<string> WriteSalesExampleAsync(string directory)
    {
        await ExampleProjects.Create("sales").WriteToAsync(directory);
        return directory;
    }

    private async Task<HttpClient> StartAsync(ServerOptions options)
    {
        var app = await SextantServer.BuildAsync(options);
        _apps.Add(app);
        await app.StartAsync();
        var address = app.Urls.Single();
        var port = new Uri(address).Port;
        Assert.True(port > 0, $"Kestrel did not report the port it bound: {address}");
        var client = new HttpClient { BaseAddress = new Uri(address) };
        _clients.Add(client);
        return client;
    }
}
