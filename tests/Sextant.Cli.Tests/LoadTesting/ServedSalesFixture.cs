using Microsoft.AspNetCore.Builder;
using Sextant.Server;

namespace Sextant.Cli.Tests.LoadTesting;

/// <summary>The sales example trained through the CLI and served by the real app (Kestrel) on a free port of 127.0.0.1.</summary>
public sealed class ServedSalesFixture : IAsyncLifetime
{
    private readonly SalesProjectFixture _sales = new();
    private WebApplication _app = null!;

    public string Project => _sales.Project;

    public string Url { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await _sales.InitializeAsync();
        _app = await SextantServer.BuildAsync(new ServerOptions { Project = _sales.Project, Urls = "http://127.0.0.1:0" });
        await _app.StartAsync();
        Url = _app.Urls.Single();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _sales.Dispose();
    }

    /// <summary>The server's count of answers on <paramref name="route"/> with <paramref name="status"/>, from <c>/metrics</c>.</summary>
    public async Task<long> CountAsync(string route, int status)
    {
        using var client = new HttpClient();
        var text = await client.GetStringAsync(new Uri(new Uri(Url), "/metrics"));
        var prefix = $"sextant_http_requests_total{{route=\"{route}\",method=\"POST\",status=\"{status}\"}} ";
        return text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => long.Parse(l[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture)).SingleOrDefault();
    }
}
