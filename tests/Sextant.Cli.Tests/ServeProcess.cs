using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Sextant.Cli.Tests;

/// <summary>
/// <c>sextant serve</c> as a real OS process on a free 127.0.0.1 port: stopped with SIGTERM (as an orchestrator stops it)
/// by <see cref="StopAsync"/>, killed on dispose if still running.
/// </summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;

    private ServeProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
        _stdout = process.StandardOutput.ReadToEndAsync();
        Client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Url { get; }

    public HttpClient Client { get; }

    /// <summary>Starts the server and waits (at most 60 s) for the line that names its address; fails with its stderr if it exits first.</summary>
    public static async Task<ServeProcess> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "sextant.dll"), "serve", "--urls", "http://127.0.0.1:0" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var seen = new System.Text.StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
            {
                seen.AppendLine(line);
                if (ServingUrl().Match(line) is { Success: true } match)
                {
                    // stderr keeps being read so that the server never blocks on a full pipe.
                    _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                    return new ServeProcess(process, new Uri(match.Groups[1].Value));
                }
            }
        }
        catch (OperationCanceledException)
        {
            seen.AppendLine("(no address within 60 s)");
        }

        process.Kill(entireProcessTree: true);
        process.Dispose();
        throw new Xunit.Sdk.XunitException($"'sextant serve {string.Join(' ', args)}' did not start:{Environment.NewLine}{seen}");
    }

    /// <summary>SIGTERM, then waits (at most 30 s) for the graceful exit; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-s", "TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(exit.Token);
        return _process.ExitCode;
    }

    /// <summary>The served model's version, from <c>GET /model</c>.</summary>
    public async Task<int> ModelVersionAsync()
    {
        using var document = System.Text.Json.JsonDocument.Parse(await Client.GetStringAsync("/model"));
        return document.RootElement.GetProperty("version").GetInt32();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await _stdout;
        _process.Dispose();
    }

    [GeneratedRegex(@"Serving .* at (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ServingUrl();
}
