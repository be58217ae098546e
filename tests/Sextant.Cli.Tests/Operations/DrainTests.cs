using System.Diagnostics;
using System.Net;
using System.Text;

namespace Sextant.Cli.Tests.Operations;

/// <summary>
/// SIGTERM under load, as a rolling update does it: with <c>--drain-seconds</c> the server turns <c>/ready</c> to 503 at
/// once and keeps answering while a client that watches readiness (as a balancer does) stops sending; then it finishes
/// what is in flight and exits 0. Not one request fails.
/// </summary>
public sealed class DrainTests(SalesProjectFixture sales) : IClassFixture<SalesProjectFixture>
{
    [Fact]
    public async Task Sigterm_UnderLoad_WithADrainDelay_FailsNoRequest()
    {
        await using var server = await ServeProcess.StartAsync(new Dictionary<string, string>(), "-p", sales.Project, "--drain-seconds", "3");
        using var http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(30) };
        var failures = new List<string>();
        var (sent, afterSigterm) = (0, 0);
        var signalled = false;
        var ready = true;

        async Task WorkerAsync()
        {
            while (Volatile.Read(ref ready))
            {
                try
                {
                    using var response = await http.PostAsync("/predict", new StringContent(SalesProjectFixture.ValidRecord, Encoding.UTF8, "application/json"));
                    Interlocked.Increment(ref sent);
                    if (Volatile.Read(ref signalled))
                    {
                        Interlocked.Increment(ref afterSigterm);
                    }

                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        lock (failures)
                        {
                            failures.Add($"{(int)response.StatusCode}");
                        }
                    }
                }
                catch (HttpRequestException ex)
                {
                    lock (failures)
                    {
                        failures.Add(ex.Message);
                    }
                }
            }
        }

        async Task WatchReadinessAsync()
        {
            while (true)
            {
                await Task.Delay(50);
                using var response = await http.GetAsync("/ready");
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    Volatile.Write(ref ready, false);
                    return;
                }
            }
        }

        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(WorkerAsync)).ToList();
        var watcher = Task.Run(WatchReadinessAsync);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var stopwatch = Stopwatch.StartNew();
        Volatile.Write(ref signalled, true);
        var exit = server.StopAsync();
        await watcher;
        await Task.WhenAll(workers);

        Assert.Equal(0, await exit);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(2.5), $"stopped after {stopwatch.Elapsed.TotalSeconds:F1} s, before the 3 s drain");
        Assert.True(sent > 20, $"{sent} requests sent");
        Assert.True(afterSigterm > 0, "no request was answered after SIGTERM");
        Assert.Empty(failures);
    }
}
