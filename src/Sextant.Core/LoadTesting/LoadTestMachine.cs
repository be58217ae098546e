using System.Runtime.InteropServices;

namespace Sextant.LoadTesting;

/// <summary>Where a load test ran, so that figures from different machines are not compared unawares.</summary>
public sealed record LoadTestMachine
{
    public string Host { get; init; } = "";

    public int Cores { get; init; }

    public string Os { get; init; } = "";

    public string Runtime { get; init; } = "";

    internal static LoadTestMachine Current() => new()
    {
        Host = Environment.MachineName,
        Cores = Environment.ProcessorCount,
        Os = RuntimeInformation.OSDescription,
        Runtime = RuntimeInformation.FrameworkDescription,
    };
}
