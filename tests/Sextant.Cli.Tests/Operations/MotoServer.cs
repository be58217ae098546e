using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using Sextant.Storage.Artifacts;

namespace Sextant.Cli.Tests.Operations;

/// <summary>
/// A real S3-protocol server for the tests: moto's <c>moto_server</c> (it comes with this machine image, as kubectl does)
/// on a free 127.0.0.1 port, started here, waited for, and killed on dispose. Without it the tests fail saying so,
/// never skip. Each fixture gets an empty server with one bucket.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    /// <summary>The bucket every test here writes to.</summary>
    public const string Bucket = "sextant-artifacts";

    private readonly bool _authenticate;
    private Process? _process;

    public MotoServer()
    {
    }

    /// <summary>A server that checks credentials (<c>INITIAL_NO_AUTH_ACTION_COUNT=0</c>: no key is known to it, so every request is refused); no bucket is made.</summary>
    internal MotoServer(bool authenticate) => _authenticate = authenticate;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The environment of a <c>sextant</c> process that keeps artifacts under <paramref name="prefix"/> of <see cref="Bucket"/>.</summary>
    public Dictionary<string, string> Environment(string prefix, string? bucket = null) => new()
    {
        [ArtifactLocation.EnvironmentVariable] = $"s3://{bucket ?? Bucket}/{prefix}",
        ["AWS_ENDPOINT_URL"] = Endpoint.ToString(),
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["AWS_REGION"] = "us-east-1",
    };

    /// <summary>A store over <paramref name="prefix"/> of <see cref="Bucket"/>, as a process with <see cref="Environment"/> makes it.</summary>
    public S3ArtifactStore Store(string prefix, string bucket = Bucket) =>
        new(new S3ArtifactLocation(bucket, prefix, Endpoint, "us-east-1", PathStyle: true), new BasicAWSCredentials("testing", "testing"));

    /// <summary>A plain S3 client, to look at and tamper with objects behind Sextant's back.</summary>
    public AmazonS3Client Client() => new(new BasicAWSCredentials("testing", "testing"), S3ArtifactStore.ClientConfig(Store("").S3));

    public async Task InitializeAsync()
    {
        var executable = System.Environment.GetEnvironmentVariable("PATH")!.Split(Path.PathSeparator).Select(d => Path.Combine(d, "moto_server")).FirstOrDefault(File.Exists)
            ?? throw new Xunit.Sdk.XunitException("'moto_server' is not on PATH: the S3 artifact tests need moto's server (it comes with this machine image; 'pip install \"moto[server]\"' where PyPI is reachable).");
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        if (_authenticate)
        {
            start.Environment["INITIAL_NO_AUTH_ACTION_COUNT"] = "0";
        }

        _process = Process.Start(start)!;
        // Drained so that its request log never fills a pipe and stalls it.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await AnswersAsync(http))
        {
            if (_process.HasExited || DateTime.UtcNow >= deadline)
            {
                // xunit does not dispose a fixture whose start failed: stop the server here.
                await DisposeAsync();
                throw new Xunit.Sdk.XunitException($"moto_server did not answer on {Endpoint} within 60 s.");
            }

            await Task.Delay(100);
        }

        if (!_authenticate)
        {
            using var client = Client();
            await client.PutBucketAsync(Bucket);
        }
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
        return Task.CompletedTask;
    }

    private async Task<bool> AnswersAsync(HttpClient http)
    {
        try
        {
            // Any answer will do: a server that checks credentials refuses this unsigned request.
            using var response = await http.GetAsync(Endpoint);
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>A port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
