using System.Text.Json;
using Sextant.Storage;
using Spectre.Console;

namespace Sextant.Cli;

/// <summary>Where a command writes: results to stdout (text or exactly one JSON document), progress and logs to stderr.</summary>
internal sealed class CliContext
{
    public CliContext(TextWriter stdout, TextWriter stderr, bool json)
    {
        Stdout = stdout;
        Stderr = stderr;
        Json = json;
        var interactive = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
        Out = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        Out.Profile.Width = interactive ? Out.Profile.Width : 200;
        Err = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stderr),
            Ansi = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            Interactive = InteractionSupport.No,
        });
    }

    public TextWriter Stdout { get; }

    public TextWriter Stderr { get; }

    public bool Json { get; }

    /// <summary>Text results (stdout).</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Progress and notes (stderr), never mixed with results.</summary>
    public IAnsiConsole Err { get; }

    /// <summary>Writes the one JSON document of a command.</summary>
    public void WriteJson(object document) => Stdout.WriteLine(JsonSerializer.Serialize(document, document.GetType(), SextantJson.Options));

    /// <summary>A progress line on stderr, with the step's elapsed time shown by the caller.</summary>
    public void Progress(string message) => Err.MarkupLineInterpolated($"[grey]> {message}[/]");

    /// <summary>Runs a long step with progress on stderr: a line when it starts and its duration when it ends.</summary>
    public async Task<T> StepAsync<T>(string title, Func<IProgress<string>, Task<T>> step)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Err.MarkupLineInterpolated($"[blue]{title}...[/]");
        var result = await step(new ImmediateProgress<string>(m => Err.MarkupLineInterpolated($"[grey]  {m}[/]"))).ConfigureAwait(false);
        Err.MarkupLineInterpolated($"[green]  done[/] [grey]({watch.Elapsed.TotalSeconds:F1} s)[/]");
        return result;
    }
}
