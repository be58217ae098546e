using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Sextant.Tracking;

/// <summary>What a run records about where it ran: runtime, OS, cores, Sextant's version and the project's git commit.</summary>
public static class RunEnvironment
{
    /// <summary>The runtime facts of this process.</summary>
    public static IReadOnlyDictionary<string, string> Capture() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["dotnet"] = RuntimeInformation.FrameworkDescription,
        ["os"] = RuntimeInformation.OSDescription,
        ["architecture"] = RuntimeInformation.ProcessArchitecture.ToString(),
        ["cores"] = Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["sextant"] = typeof(RunEnvironment).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
    };

    /// <summary>The HEAD commit of the git repository holding <paramref name="directory"/>, with <c>-dirty</c> when it has changes; null when there is none.</summary>
    public static string? GitCommit(string directory)
    {
        try
        {
            var head = Git(directory, "rev-parse HEAD");
            if (head is null)
            {
                return null;
            }

            var status = Git(directory, "status --porcelain --untracked-files=no");
            return string.IsNullOrEmpty(status) ? head : head + "-dirty";
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            // No git on the machine: the run simply has no code version.
            return null;
        }
    }

    private static string? Git(string directory, string arguments)
    {
        var start = new ProcessStartInfo("git", $"-C \"{directory}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start);
        if (process is null)
        {
            return null;
        }

        var output = process.StandardOutput.ReadToEnd().Trim();
        if (!process.WaitForExit(5000))
        {
            process.Kill();
            return null;
        }

        return process.ExitCode == 0 ? output : null;
    }
}
