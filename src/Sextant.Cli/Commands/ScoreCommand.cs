using System.CommandLine;
using System.Globalization;
using Sextant.Models;
using Sextant.Scoring;
using Spectre.Console;

namespace Sextant.Cli.Commands;

/// <summary>
/// <c>sextant score</c>: batch scoring of a CSV or Parquet input into a Parquet or CSV file, streamed, with a progress
/// bar; <c>--partition K/N</c> makes it one pod of a Kubernetes indexed Job (deploy/k8s/job-batch-score.yaml).
/// <c>sextant predict --csv</c> stays the small, all-or-nothing check that prints to the terminal.
/// </summary>
internal static class ScoreCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new Option<string>("--input", "-i") { Description = "A CSV or Parquet file, or a folder of them (read in name order as one input).", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "The predictions file: Parquet, or CSV for a .csv name (or --format csv|parquet).", Required = true };
        var partition = new Option<string?>("--partition") { Description = "Score only part K of N (0 <= K < N) of the rows, by row number: row r is in part r % N. For an indexed Job: $(JOB_COMPLETION_INDEX)/N." };
        var version = new Option<int?>("--version") { Description = "The model version (default: latest)." };
        var alias = new Option<string?>("--alias") { Description = "Score with the version an alias (e.g. prod) points to." };
        var keep = new Option<string?>("--keep") { Description = "Input columns to copy beside each prediction, comma-separated (e.g. an id)." };
        var rejects = new Option<string?>("--rejects") { Description = "The CSV of refused rows with their reasons (default: OUTPUT's name + .rejected.csv)." };
        var command = new Command("score", "Score a file of records with a registered model, streamed, into a Parquet or CSV file; rows the schema refuses are listed with their reasons.")
        {
            input, output, partition, version, alias, keep, rejects,
        };
        CliApp.AcceptFileFormats(command, "parquet", "csv");
        command.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            if (parse.GetValue(version) is not null && parse.GetValue(alias) is not null)
            {
                throw new SextantException("Pass --version or --alias, not both.");
            }

            var options = new BatchScoreOptions
            {
                Input = parse.GetValue(input)!,
                Output = parse.GetValue(output)!,
                Format = CliApp.FileFormat(parse),
                Partition = parse.GetValue(partition) is { } k ? Partition.Parse(k) : Partition.All,
                Keep = parse.GetValue(keep)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
                Rejects = parse.GetValue(rejects),
            };
            await using var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var predictor = parse.GetValue(alias) is { } a
                ? await ModelLoader.LoadAliasAsync(project, a, cancellationToken).ConfigureAwait(false)
                : await ModelLoader.LoadAsync(project, parse.GetValue(version), cancellationToken).ConfigureAwait(false);
            context.Progress($"scoring with {predictor.Artifact.Name} v{predictor.Version}" + (options.Partition.Count > 1 ? $", partition {options.Partition}" : ""));
            var bar = new ProgressBar(context, "input", Megabytes);
            var result = await BatchScorer.RunAsync(project, predictor, options, new ImmediateProgress<BatchScoreProgress>(p => bar.Report(p.BytesRead, p.TotalBytes)), cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(new
                {
                    model = result.Model,
                    version = result.ModelVersion,
                    partition = result.Partition.ToString(),
                    files = result.Files,
                    rows_read = result.RowsRead,
                    rows_in_partition = result.RowsInPartition,
                    rows_scored = result.RowsScored,
                    rows_refused = result.RowsRefused,
                    refusals = result.FirstRefusals,
                    output = result.OutputPath,
                    rejects = result.RejectsPath,
                });
                return 0;
            }

            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Scored {result.RowsScored:N0} of {result.RowsInPartition:N0} rows (partition {result.Partition} of {result.RowsRead:N0} read) with {result.Model} v{result.ModelVersion} -> {result.OutputPath}"));
            if (result.RowsRefused > 0)
            {
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.RowsRefused:N0} row(s) refused by the schema, every reason in {result.RejectsPath}; the first:"));
                foreach (var e in result.FirstRefusals)
                {
                    context.Out.WriteLine($"  row {e.Row}: {e.Feature} [{e.Type}] {e.Message}" + (e.Received is null ? "" : $" (received {e.Received})"));
                }
            }

            return 0;
        }));
        return command;
    }

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MB";
}
