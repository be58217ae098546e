using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Sextant.Core.Tests.Monitoring.Alerts;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (HttpListener): records every POST (body and headers) and answers with the
/// status codes it is told, in order, then 200.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<HttpStatusCode> _answers = new();
    private readonly Task _loop;

    public WebhookReceiver(params HttpStatusCode[] answers)
    {
        foreach (var answer in answers)
        {
            _answers.Enqueue(answer);
        }

        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/hooks/sextant/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    /// <summary>Every request received, in order: the JSON body and the delivery id header.</summary>
    public ConcurrentQueue<(JsonElement Body, string? Delivery, HttpStatusCode Answer)> Received { get; } = new();

    /// <summary>The bodies that were answered 2xx.</summary>
    public IReadOnlyList<JsonElement> Accepted => [.. Received.Where(r => (int)r.Answer < 300).Select(r => r.Body)];

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            using var document = JsonDocument.Parse(await reader.ReadToEndAsync());
            var answer = _answers.TryDequeue(out var next) ? next : HttpStatusCode.OK;
            Received.Enqueue((document.RootElement.Clone(), context.Request.Headers["X-Sextant-Delivery"], answer));
            context.Response.StatusCode = (int)answer;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        if (!_listener.IsListening)
        {
            return;
        }

        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
