using System.Diagnostics;

namespace Sextant.Server.Tests.Deploy;

/// <summary>The repository's <c>deploy/</c> folder and the Debian tools that check it (CI installs them).</summary>
internal static class DeployTools
{
    /// <summary>The repository root: the first folder above the test binaries that holds <c>Sextant.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    public static string Deploy(params string[] parts) => Path.Combine([Root, "deploy", .. parts]);

    /// <summary>The path of a Debian tool, or a failure that says which package to install (never a silent skip).</summary>
    public static string Require(string tool, string package)
    {
        var path = Environment.GetEnvironmentVariable("PATH")!.Split(Path.PathSeparator).Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
        return path ?? throw new Xunit.Sdk.XunitException($"'{tool}' is not installed: this test needs Debian's {package} (apt-get install -y {package}).");
    }

    /// <summary>Runs a tool to its end (at most two minutes) with optional stdin; returns its exit code and both streams.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string tool, string workingDirectory, string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sextant.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Sextant.sln above {AppContext.BaseDirectory}.");
    }
}
