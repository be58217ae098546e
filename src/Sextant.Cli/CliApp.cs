using System.CommandLine;
using System.Text.Json;
using Sextant.Cli.Commands;
using Sextant.Data;
using Sextant.Projects;
using Sextant.Storage;

namespace Sextant.Cli;

/// <summary>The <c>sextant</c> command line: builds the command tree and maps errors to clear messages and exit codes.</summary>
internal static class CliApp
{
    public static readonly Option<string> ProjectOption = new("--project", "-p")
    {
        Description = "The project folder (holding sextant.yaml).",
        DefaultValueFactory = _ => ".",
        Recursive = true,
    };

    public static readonly Option<string> FormatOption = new("--format")
    {
        Description = "Output format: text, or json (exactly one JSON document on stdout); commands that write a file also take its format (data export: parquet, csv; export: onnx).",
        DefaultValueFactory = _ => "text",
        Recursive = true,
    };

    // The file formats a command takes for --format, beside text and json.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Command, string[]> s_fileFormats = [];

    static CliApp() => FormatOption.AcceptOnlyFromAmong("text", "json", "parquet", "csv", "onnx");

    /// <summary>Lets <paramref name="command"/> take <c>--format</c> as the format of the file it writes (the first is its default).</summary>
    public static void AcceptFileFormats(Command command, params string[] formats) => s_fileFormats.AddOrUpdate(command, formats);

    /// <summary>The file format given with <c>--format</c>, or null for text/json output.</summary>
    public static string? FileFormat(ParseResult parse)
    {
        var format = parse.GetValue(FormatOption);
        return format is "text" or "json" or null ? null : format;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Sextant: tabular machine learning from a messy CSV to a governed, served model.");
        root.Add(ProjectOption);
        root.Add(FormatOption);
        root.Add(InitCommand.Create(stdout, stderr));
        root.Add(IngestCommand.Create(stdout, stderr));
        root.Add(ValidateCommand.Create(stdout, stderr));
        root.Add(TrainCommand.Create(stdout, stderr));
        root.Add(PredictCommand.Create(stdout, stderr));
        root.Add(ExplainCommand.Create(stdout, stderr));
        root.Add(EvaluateCommand.Create(stdout, stderr));
        root.Add(ModelsCommand.Create(stdout, stderr));
        root.Add(RunsCommand.Create(stdout, stderr));
        root.Add(RegistryCommand.Create(stdout, stderr));
        root.Add(DataCommand.Create(stdout, stderr));
        root.Add(EdaCommand.Create(stdout, stderr));
        root.Add(ServeCommand.Create(stdout, stderr));
        root.Add(QuickstartCommand.Create(stdout, stderr));
        root.Add(ForecastCommand.Create(stdout, stderr));
        root.Add(RiskCommand.Create(stdout, stderr));
        root.Add(PipelineCommand.Create(stdout, stderr));
        root.Add(MetricsCommand.Create(stdout, stderr));
        root.Add(ExportCommand.Create(stdout, stderr));
        root.Add(MonitorCommand.Create(stdout, stderr));
        root.Add(AlertsCommand.Create(stdout, stderr));
        root.Add(FeedbackCommand.Create(stdout, stderr));
        root.Add(RetrainCommand.Create(stdout, stderr));
        root.Add(TrafficCommand.Create(stdout, stderr));
        root.Add(LoadtestCommand.Create(stdout, stderr));
        root.Add(ScoreCommand.Create(stdout, stderr));
        var parse = root.Parse(args);
        return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a command body with the shared error handling: a <see cref="SextantException"/> is one clear message and exit code 1.</summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Handler(TextWriter stdout, TextWriter stderr, Func<CliContext, ParseResult, CancellationToken, Task<int>> body) =>
        async (parse, cancellationToken) =>
        {
            var context = new CliContext(stdout, stderr, parse.GetValue(FormatOption) == "json");
            if (FileFormat(parse) is { } file && !(s_fileFormats.TryGetValue(parse.CommandResult.Command, out var formats) && formats.Contains(file)))
            {
                stderr.WriteLine(formats is null
                    ? $"error: --format {file} is a file format; '{parse.CommandResult.Command.Name}' prints text or json."
                    : $"error: '{parse.CommandResult.Command.Name}' writes {string.Join(" or ", formats)}, not {file}.");
                return 2;
            }

            try
            {
                return await body(context, parse, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SextantException or IOException or UnauthorizedAccessException)
            {
                var kind = ex switch
                {
                    ConfigException => "config",
                    DataFileException => "data",
                    SextantException => "error",
                    _ => "io",
                };
                if (context.Json)
                {
                    context.WriteJson(new { error = new { kind, message = ex.Message, problems = (ex as ConfigException)?.Problems } });
                }

                stderr.WriteLine($"error: {ex.Message}");
                return 1;
            }
            catch (OperationCanceledException)
            {
                stderr.WriteLine("cancelled.");
                return 130;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or System.Text.Json.JsonException)
            {
                // A defect, not a user error: say so plainly, with what is needed for a report, and never a bare stack trace.
                if (context.Json)
                {
                    context.WriteJson(new { error = new { kind = "internal", message = ex.Message, type = ex.GetType().FullName } });
                }

                stderr.WriteLine($"internal error ({ex.GetType().Name}): {ex.Message}");
                stderr.WriteLine("This is a bug in Sextant; please report it with the command you ran.");
                return 70;
            }
        };

    public static string ProjectDir(ParseResult parse) => parse.GetValue(ProjectOption) ?? ".";

    /// <summary>Opens the project of <c>--project</c> and writes its configuration notices (hints) to stderr.</summary>
    public static async Task<SextantProject> OpenProjectAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var project = await SextantProject.OpenAsync(ProjectDir(parse), cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var notice in project.Notices)
        {
            context.Stderr.WriteLine(notice);
        }

        return project;
    }

    /// <summary>Pretty JSON of any document, for text mode too.</summary>
    public static string ToJson(object value) => JsonSerializer.Serialize(value, value.GetType(), SextantJson.Options);
}
