using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Sextant.Pipelines;

/// <summary>A <c>cmd:</c> stage: a shell command run in the project folder, its output passed on line by line.</summary>
internal static class CommandStage
{
    public static async Task<StageOutput> RunAsync(string projectDirectory, PipelineStage stage, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = projectDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(stage.Config.Cmd!);
        start.Environment["SEXTANT_PROJECT"] = projectDirectory;
        start.Environment["SEXTANT_STAGE"] = stage.Name;
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        if (!process.Start())
        {
            throw new SextantException($"stage '{stage.Name}': could not start /bin/sh.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new SextantException($"stage '{stage.Name}': '{stage.Config.Cmd}' exited with code {process.ExitCode}.");
        }

        var metrics = stage.Config.Metrics is { } path ? await ReadMetricsAsync(stage, Path.Combine(projectDirectory, path), cancellationToken).ConfigureAwait(false) : new Dictionary<string, double>();
        return new StageOutput(new Dictionary<string, string>(), metrics, "the command exited 0");

        void Forward(string? line)
        {
            if (line is not null)
            {
                progress.Report(line);
            }
        }
    }

    /// <summary>The numbers of a JSON metrics file, nested objects flattened with dots.</summary>
    private static async Task<Dictionary<string, double>> ReadMetricsAsync(PipelineStage stage, string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new SextantException($"stage '{stage.Name}': the command did not write its metrics file '{stage.Config.Metrics}'.");
        }

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
            Flatten(document.RootElement, "", metrics);
        }
        catch (JsonException ex)
        {
            throw new SextantException($"stage '{stage.Name}': metrics file '{stage.Config.Metrics}' is not JSON: {ex.Message}", ex);
        }

        return metrics;
    }

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, double> metrics)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}", metrics);
                }

                break;
            case JsonValueKind.Number when prefix.Length > 0:
                metrics[prefix] = element.GetDouble();
                break;
            case JsonValueKind.String when prefix.Length > 0 && double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value):
                metrics[prefix] = value;
                break;
        }
    }
}
