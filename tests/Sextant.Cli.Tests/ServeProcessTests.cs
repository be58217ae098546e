using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sextant.Cli.Tests;

/// <summary>
/// <c>sextant serve</c> as a real OS process: its stdout is structured JSON log lines, each request's line carries
/// the request id the client sent (echoed in <c>X-Request-Id</c>), and SIGTERM stops it gracefully.
/// </summary>
public sealed partial class ServeProcessTests(SalesProjectFixture sales) : IClassFixture<SalesProjectFixture>
{
    [Fact]
    public async Task Serve_InformationLogs_AreJsonLinesWithTheRequestIdOfEachRequest()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "sextant.dll"), "serve", "-p", sales.Project, "--urls", "http://127.0.0.1:0", "--log-level", "Information" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        try
        {
            await RunAgainstAsync(process);
        }
        finally
        {
            // A failed assertion must not leave the server running.
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task RunAgainstAsync(Process process)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        string? url = null;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (url is null && await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
            {
                url = ServingUrl().Match(line) is { Success: true } m ? m.Groups[1].Value : null;
            }
        }

        Assert.NotNull(url);
        using (var client = new HttpClient { BaseAddress = new Uri(url) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/predict") { Content = new StringContent(SalesProjectFixture.ValidRecord, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Request-Id", "log-test-1");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("log-test-1", response.Headers.GetValues("X-Request-Id").Single());

            using var bad = await client.PostAsync("/predict", new StringContent("{\"QUANTITYORDERED\":", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var generated = bad.Headers.GetValues("X-Request-Id").Single();
            Assert.False(string.IsNullOrWhiteSpace(generated));

            // SIGTERM, as an orchestrator stops it (SIGINT may be ignored by a process started in the background): a
            // graceful stop, which flushes the log lines and exits 0.
            using var kill = Process.Start("kill", ["-s", "TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(exit.Token);
            Assert.Equal(0, process.ExitCode);

            var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var states = lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
            var requests = states.Where(s => s.GetProperty("Category").GetString() == "Sextant.Server.Requests").Select(s => s.GetProperty("State")).ToList();
            var ok = Assert.Single(requests, s => s.GetProperty("RequestId").GetString() == "log-test-1");
            Assert.Equal(200, ok.GetProperty("Status").GetInt32());
            Assert.Equal("/predict", ok.GetProperty("Path").GetString());
            Assert.Equal(1, ok.GetProperty("ModelVersion").GetInt32());
            Assert.True(ok.GetProperty("LatencyMs").GetDouble() >= 0);
            var failed = Assert.Single(requests, s => s.GetProperty("RequestId").GetString() == generated);
            Assert.Equal(400, failed.GetProperty("Status").GetInt32());
        }
    }

    [GeneratedRegex(@"Serving .* at (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ServingUrl();
}
