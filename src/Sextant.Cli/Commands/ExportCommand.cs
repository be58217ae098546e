using System.CommandLine;
using Sextant.Export.Onnx;
using Sextant.Models;
using Spectre.Console;

namespace Sextant.Cli.Commands;

/// <summary>
/// <c>sextant export [--version N | --alias A] --format onnx -o model.onnx</c>: writes a registered model as one ONNX
/// file with its preprocessing in the graph. <c>--format json</c> writes the same file and prints its summary as JSON.
/// </summary>
internal static class ExportCommand
{
    public const string Name = "export";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var version = new Option<int?>("--version") { Description = "The model version (default: latest)." };
        var alias = new Option<string?>("--alias") { Description = "The alias whose version to export (e.g. prod)." };
        var output = new Option<string>("--output", "-o") { Description = "The file to write (e.g. model.onnx).", Required = true };
        var command = new Command(Name, "Export a model version as ONNX (ai.onnx 17 + ai.onnx.ml 3), preprocessing included, for ONNX Runtime and other runtimes.") { version, alias, output };
        CliApp.AcceptFileFormats(command, "onnx");
        command.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            if (parse.GetValue(version) is not null && parse.GetValue(alias) is not null)
            {
                throw new SextantException("Give --version or --alias, not both.");
            }

            await using var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var predictor = parse.GetValue(alias) is { } a
                ? await ModelLoader.LoadAliasAsync(project, a, cancellationToken).ConfigureAwait(false)
                : await ModelLoader.LoadAsync(project, parse.GetValue(version), cancellationToken).ConfigureAwait(false);
            var export = OnnxExporter.Export(predictor.Artifact, predictor.Version);

            var path = await OnnxExporter.WriteFileAsync(export, parse.GetValue(output)!, cancellationToken).ConfigureAwait(false);

            if (context.Json)
            {
                context.WriteJson(new
                {
                    model = predictor.Artifact.Name,
                    version = predictor.Version,
                    alias = predictor.Alias,
                    learner = predictor.Artifact.Learner,
                    format = "onnx",
                    path,
                    bytes = export.Bytes.Length,
                    schema_sha256 = export.SchemaSha256,
                    opsets = new Dictionary<string, int> { ["ai.onnx"] = OnnxExporter.Opset, ["ai.onnx.ml"] = OnnxExporter.MlOpset },
                    inputs = export.Inputs,
                    outputs = export.Outputs,
                    operators = export.Operators,
                });
                return 0;
            }

            context.Out.WriteLine($"wrote {path} ({export.Bytes.Length:N0} bytes): {predictor.Artifact.Name} v{predictor.Version}{(predictor.Alias is null ? "" : $" ({predictor.Alias})")}, {predictor.Artifact.Learner}");
            var table = new Table().AddColumns("", "name", "type", "shape");
            foreach (var i in export.Inputs)
            {
                table.AddRow("input", Markup.Escape(i.Name), i.Type, Markup.Escape(i.Shape));
            }

            foreach (var o in export.Outputs)
            {
                table.AddRow("output", Markup.Escape(o.Name), o.Type, Markup.Escape(o.Shape));
            }

            context.Out.Write(table);
            context.Out.WriteLine($"operators: {string.Join(", ", export.Operators)}");
            return 0;
        }));
        return command;
    }
}
