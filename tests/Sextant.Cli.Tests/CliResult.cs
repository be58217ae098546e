using System.Text.Json;

namespace Sextant.Cli.Tests;

/// <summary>What one <c>sextant</c> invocation printed and returned.</summary>
internal sealed record CliResult(string[] Args, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Parses stdout as exactly one JSON document (JsonDocument rejects anything after the first value).</summary>
    public JsonElement Json()
    {
        try
        {
            using var document = JsonDocument.Parse(Stdout);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"stdout of 'sextant {string.Join(' ', Args)}' is not exactly one JSON document: {ex.Message}{Environment.NewLine}stdout:{Environment.NewLine}{Stdout}{Environment.NewLine}stderr:{Environment.NewLine}{Stderr}");
        }
    }

    /// <summary>Fails with both streams shown unless the exit code is <paramref name="expected"/>.</summary>
    public CliResult ShouldExit(int expected)
    {
        if (ExitCode != expected)
        {
            throw new Xunit.Sdk.XunitException($"'sextant {string.Join(' ', Args)}' exited {ExitCode}, expected {expected}.{Environment.NewLine}stdout:{Environment.NewLine}{Stdout}{Environment.NewLine}stderr:{Environment.NewLine}{Stderr}");
        }

        return this;
    }
}
