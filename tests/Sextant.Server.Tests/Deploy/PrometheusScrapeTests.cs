using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Sextant.Server.Tests.Deploy;

/// <summary>The real server's <c>/metrics</c> read by Debian's Prometheus (2.42) and checked by its promtool.</summary>
public sealed class PrometheusScrapeTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Metrics_PassPromtoolCheckMetrics()
    {
        var promtool = DeployTools.Require("promtool", "prometheus");
        await PredictAsync(3);
        var text = await server.Trained.GetStringAsync("/metrics");
        Assert.Contains("sextant_http_request_duration_seconds_bucket", text, StringComparison.Ordinal);

        var (exit, stdout, stderr) = await DeployTools.RunAsync(promtool, Path.GetTempPath(), text, "check", "metrics");

        Assert.True(exit == 0, $"promtool check metrics exited {exit}:{Environment.NewLine}{stdout}{stderr}");
    }

    [Fact]
    public async Task Prometheus_ScrapesTheServer_AndAnswersQueriesForSextantSeries()
    {
        var binary = DeployTools.Require("prometheus", "prometheus");
        await PredictAsync(5);
        var target = server.Trained.BaseAddress!;
        var folder = Directory.CreateTempSubdirectory("sextant-prometheus-");
        var port = FreePort();
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "prometheus.yml"), $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: sextant
                metrics_path: /metrics
                static_configs:
                  - targets: ["127.0.0.1:{target.Port}"]
            """);
        var start = new ProcessStartInfo(binary)
        {
            WorkingDirectory = folder.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--config.file=prometheus.yml", $"--storage.tsdb.path={Path.Combine(folder.FullName, "data")}", $"--web.listen-address=127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(arg);
        }

        using var prometheus = Process.Start(start)!;
        var log = prometheus.StandardError.ReadToEndAsync();
        _ = prometheus.StandardOutput.ReadToEndAsync();
        try
        {
            using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            // Wait (at most a minute) until a scrape has landed: the target is up and the predictions are stored.
            var predictions = await PollAsync(api, "sextant_predictions_total", prometheus);
            Assert.True(predictions is { } p && p.Value >= 5, $"no scraped predictions; Prometheus log:{Environment.NewLine}{(prometheus.HasExited ? await log : "")}");
            Assert.Equal("sales", predictions!.Value.Labels["model"]);
            Assert.Equal("sextant", predictions.Value.Labels["job"]);

            var up = await QueryAsync(api, "up{job=\"sextant\"}");
            Assert.Equal(1, Assert.Single(up).Value);
            var requests = await QueryAsync(api, "sum(sextant_http_requests_total{route=\"/predict\",status=\"200\"})");
            Assert.True(Assert.Single(requests).Value >= 5);
            var p99 = await QueryAsync(api, "histogram_quantile(0.99, sum by (le) (sextant_http_request_duration_seconds_bucket{route=\"/predict\"}))");
            Assert.True(Assert.Single(p99).Value > 0);

            // Every query of the Grafana dashboard is one this Prometheus accepts (Grafana's variables filled in).
            using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(DeployTools.Deploy("grafana", "dashboards", "sextant.json")));
            foreach (var query in dashboard.RootElement.GetProperty("panels").EnumerateArray().SelectMany(p => p.GetProperty("targets").EnumerateArray()))
            {
                var expr = query.GetProperty("expr").GetString()!.Replace("$__rate_interval", "1m", StringComparison.Ordinal).Replace("$job", "sextant", StringComparison.Ordinal);
                using var response = await api.GetAsync($"/api/v1/query?query={Uri.EscapeDataString(expr)}");
                Assert.True(response.IsSuccessStatusCode, $"Prometheus refused the dashboard query {expr}: {await response.Content.ReadAsStringAsync()}");
            }
        }
        finally
        {
            if (!prometheus.HasExited)
            {
                prometheus.Kill(entireProcessTree: true);
                await prometheus.WaitForExitAsync();
            }

            folder.Delete(recursive: true);
        }
    }

    private async Task PredictAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var response = await server.Trained.PostAsync("/predict", HttpJson.Content(PredictionApiTests.ValidRecord));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private static async Task<(IReadOnlyDictionary<string, string> Labels, double Value)?> PollAsync(HttpClient api, string query, Process prometheus)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(1) && !prometheus.HasExited)
        {
            try
            {
                if ((await QueryAsync(api, query)).FirstOrDefault() is { Labels: not null } found)
                {
                    return found;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(500);
        }

        return null;
    }

    private static async Task<List<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryAsync(HttpClient api, string query)
    {
        using var document = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/query?query={Uri.EscapeDataString(query)}"));
        Assert.Equal("success", document.RootElement.GetProperty("status").GetString());
        return [.. document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(r => (
            (IReadOnlyDictionary<string, string>)r.GetProperty("metric").EnumerateObject().ToDictionary(m => m.Name, m => m.Value.GetString()!),
            double.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))];
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
