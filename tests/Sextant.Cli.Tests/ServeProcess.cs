using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Sextant.Cli.Tests;

/// <summary>
/// <c>sextant serve</c> as a real OS process on a free 127.0.0.1 port: started, waited for until it says where it serves,
/// stopped with SIGTERM (as an orchestrator stops it), and killed if a test fails first.
/// </summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServeProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    /// <summary>Where it serves.</summary>
    public Uri Url { get; }

    public bool HasExited => _process.HasExited;

    public static async Task<ServeProcess> StartAsync(string project, IReadOnlyDictionary<string, string>? environment = null, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "sextant.dll"), "serve", "-p", project, "--urls", "http://127.0.0.1:0", "--log-level", "Information" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        // Keep stdout drained so the JSON log lines never block the server.
        _ = process.StandardOutput.ReadToEndAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
            {
                if (ServingUrl().Match(line) is { Success: true } match)
                {
                    _ = process.StandardError.ReadToEndAsync();
                    return new ServeProcess(process, new Uri(match.Groups[1].Value));
                }
            }
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("sextant serve exited before serving.");
    }

    /// <summary>SIGTERM, then waits for the graceful exit; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-s", "TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(exit.Token);
        return _process.ExitCode;
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"Serving .* at (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ServingUrl();
}
