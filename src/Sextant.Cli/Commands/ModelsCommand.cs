using System.CommandLine;
using System.Globalization;
using Sextant.Projects;
using Spectre.Console;

namespace Sextant.Cli.Commands;

internal static class ModelsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("models", "List the registered versions of the project's model.");
        command.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var versions = await project.Metadata.ListVersionsAsync(project.Name, cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(new { model = project.Name, versions });
                return 0;
            }

            var table = new Table().AddColumns("version", "learner", "dataset", "created", "metrics");
            foreach (var v in versions)
            {
                table.AddRow(v.Version.ToString(CultureInfo.InvariantCulture), v.Learner, $"v{v.DatasetVersion}", v.CreatedAt.ToString("u", CultureInfo.InvariantCulture),
                    string.Join(", ", v.Metrics.Select(kv => $"{kv.Key} {kv.Value.ToString("G5", CultureInfo.InvariantCulture)}")));
            }

            context.Out.Write(table);
            return 0;
        }));
        return command;
    }
}
