using System.CommandLine;
using Sextant.Monitoring.Feedback;
using Spectre.Console;

namespace Sextant.Cli.Commands;

/// <summary><c>sextant feedback --csv FILE</c>: actual values of served predictions, joined to the prediction log by request id.</summary>
internal static class FeedbackCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var csv = new Option<string>("--csv") { Description = "A CSV file with a header: request_id and actual (or the target column).", Required = true };
        var column = new Option<string?>("--actual-column") { Description = "The column of actual values (default: actual, else the project's target)." };
        var skipUnknown = new Option<bool>("--skip-unknown") { Description = "Store the ids the log knows and list the others (default: one unknown id stores nothing)." };
        var command = new Command("feedback", "Record the actual values of served predictions (joined by request_id), for realised performance and retraining.") { csv, column, skipUnknown };
        command.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            await using var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var items = await FeedbackRecorder.ReadCsvAsync(project, parse.GetValue(csv)!, parse.GetValue(column), cancellationToken).ConfigureAwait(false);
            FeedbackResult result;
            try
            {
                result = await FeedbackRecorder.RecordAsync(project, items, parse.GetValue(skipUnknown), cancellationToken).ConfigureAwait(false);
            }
            catch (FeedbackException ex)
            {
                context.Stderr.WriteLine($"error: {ex.Message}");
                foreach (var problem in ex.Problems)
                {
                    context.Stderr.WriteLine($"  {problem}");
                }

                if (ex.Unknown.Count > 0)
                {
                    context.Stderr.WriteLine($"  unknown request ids ({ex.Unknown.Count}): {string.Join(", ", ex.Unknown.Take(50))}{(ex.Unknown.Count > 50 ? ", ..." : "")}");
                }

                return 1;
            }

            if (context.Json)
            {
                context.WriteJson(result);
                return 0;
            }

            context.Out.WriteLine($"Feedback: {result.Received} item(s); {result.Recorded} recorded, {result.Corrected} corrected an earlier actual value.");
            if (result.Unknown.Count > 0)
            {
                context.Out.WriteLine($"Skipped {result.Unknown.Count} unknown request id(s): {string.Join(", ", result.Unknown.Take(50))}{(result.Unknown.Count > 50 ? ", ..." : "")}");
            }

            return 0;
        }));
        return command;
    }
}
