using System.CommandLine;
using Sextant.Examples;
using Sextant.Projects;
using Sextant.Schema;
using Spectre.Console;

namespace Sextant.Cli.Commands;

internal static class InitCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dir = new Argument<string>("dir") { Description = "The project folder to create.", DefaultValueFactory = _ => "." };
        var example = new Option<string?>("--example") { Description = "Write a ready example: sales, housing, churn or produce." };
        example.AcceptOnlyFromAmong([.. ExampleProjects.Names]);
        var data = new Option<string?>("--data") { Description = "A CSV file to infer sextant.yaml from." };
        var target = new Option<string?>("--target") { Description = "With --data: the column to predict." };
        var rows = new Option<int?>("--rows") { Description = "With --example: rows to generate (items for produce)." };
        var seed = new Option<int>("--seed") { Description = "With --example: generator seed.", DefaultValueFactory = _ => 42 };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing sextant.yaml." };
        var command = new Command("init", "Create a project: an example with synthetic data, or a sextant.yaml inferred from your CSV.") { dir, example, data, target, rows, seed, force };
        command.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            var directory = Path.GetFullPath(parse.GetValue(dir)!);
            var configPath = Path.Combine(directory, ProjectFile.FileName);
            if (File.Exists(configPath) && !parse.GetValue(force))
            {
                throw new SextantException($"{configPath} already exists. Pass --force to overwrite it.");
            }

            var exampleName = parse.GetValue(example);
            var dataFile = parse.GetValue(data);
            if ((exampleName is null) == (dataFile is null))
            {
                throw new SextantException("Pass either --example NAME or --data FILE.csv --target COLUMN.");
            }

            Directory.CreateDirectory(directory);
            ProjectConfig config;
            string dataPath;
            string description;
            if (exampleName is not null)
            {
                var project = ExampleProjects.Create(exampleName, parse.GetValue(rows), parse.GetValue(seed));
                project = project with { Description = $"Example '{exampleName}': {project.Description}" };
                await project.WriteToAsync(directory, cancellationToken).ConfigureAwait(false);
                dataPath = Path.Combine(directory, project.Config.Data.Path);
                config = project.Config;
                description = project.Description;
            }
            else
            {
                var targetColumn = parse.GetValue(target) ?? throw new SextantException("--data needs --target COLUMN: the column to predict.");
                dataPath = Path.GetFullPath(dataFile!);
                var relative = Path.GetRelativePath(directory, dataPath).Replace('\\', '/');
                var name = Path.GetFileName(directory.TrimEnd(Path.DirectorySeparatorChar));
                config = await SchemaInference.InferAsync(dataPath, targetColumn, relative, name, cancellationToken).ConfigureAwait(false);
                description = $"Inferred from {Path.GetFileName(dataPath)}: review types and limits before training.\n"
                    + "observed_min/observed_max/observed_values are what the file held (soft: outside values are scored, with a warning).\n"
                    + "min/max/allowed are hard limits (a violation is refused at ingest and a 400 at serving): add them where you know the rule.";
                var yaml = ProjectWriter.ToYaml(config, description);
                ProjectFile.Parse(yaml, configPath);
                var temp = configPath + ".tmp";
                await File.WriteAllTextAsync(temp, yaml, cancellationToken).ConfigureAwait(false);
                File.Move(temp, configPath, overwrite: true);
            }

            if (context.Json)
            {
                context.WriteJson(new
                {
                    project = directory,
                    config = configPath,
                    data = dataPath,
                    task = config.Task,
                    target = config.Target,
                    features = config.Features.Count,
                    dropped = config.Cleaning.DropColumns,
                    inferred = Inferred(config),
                });
            }
            else
            {
                context.Out.WriteLine($"Created {configPath}");
                context.Out.WriteLine($"  {description}");
                context.Out.WriteLine($"  task {config.Task.ToString().ToLowerInvariant()}, target {config.Target}, {config.Features.Count} features" + (config.Cleaning.DropColumns.Count > 0 ? $", dropping {string.Join(", ", config.Cleaning.DropColumns)}" : ""));
                if (dataFile is not null)
                {
                    var inferred = Inferred(config);
                    context.Out.WriteLine($"  inferred: {inferred.Types} column types, observed ranges of {inferred.ObservedRanges.Count} numeric features ({Sample(inferred.ObservedRanges)}), observed values of {inferred.ObservedValues.Count} categorical features ({Sample(inferred.ObservedValues)}), {inferred.DateFormats.Count} date format(s)");
                    context.Out.WriteLine("  soft (scored with a warning when outside): observed_min, observed_max, observed_values; hard (refused): min, max, allowed, none declared yet");
                }

                context.Out.WriteLine($"Next: sextant ingest --project {directory}");
            }

            return 0;
        }));
        return command;
    }

    private static InferredKeys Inferred(ProjectConfig config) => new(
        config.Features.Count,
        [.. config.Features.Where(f => f.ObservedMin is not null || f.ObservedMax is not null).Select(f => f.Name)],
        [.. config.Features.Where(f => f.ObservedValues is not null).Select(f => f.Name)],
        config.Data.DateFormats,
        [.. config.Features.Where(f => f.Min is not null || f.Max is not null || f.Allowed is not null).Select(f => f.Name)]);

    private static string Sample(IReadOnlyList<string> names) =>
        names.Count == 0 ? "none" : string.Join(", ", names.Take(4)) + (names.Count > 4 ? ", ..." : "");

    /// <summary>What <c>init --data</c> wrote: soft keys per feature, and the hard ones (none unless an example declares them).</summary>
    private sealed record InferredKeys(int Types, IReadOnlyList<string> ObservedRanges, IReadOnlyList<string> ObservedValues, IReadOnlyList<string> DateFormats, IReadOnlyList<string> Hard);
}
