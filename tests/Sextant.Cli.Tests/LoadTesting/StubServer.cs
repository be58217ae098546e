using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Sextant.Cli.Tests.LoadTesting;

/// <summary>A tiny Kestrel app on a free port of 127.0.0.1 whose <c>POST /predict</c> runs the given handler.</summary>
internal sealed class StubServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubServer(WebApplication app) => _app = app;

    public string Url => _app.Urls.Single();

    public static async Task<StubServer> StartAsync(RequestDelegate predict)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/predict", predict);
        await app.StartAsync();
        return new StubServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
