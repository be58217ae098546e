using System.CommandLine;
using System.Globalization;
using Sextant.LoadTesting;
using Sextant.Monitoring.Traffic;
using Sextant.Schema;
using Spectre.Console;

namespace Sextant.Cli.Commands;

/// <summary><c>sextant traffic</c>: realistic requests for a running server, optionally drifted, optionally with their labels.</summary>
internal static class TrafficCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var url = new Option<string>("--url") { Description = "The server's base address, e.g. http://127.0.0.1:5080.", Required = true };
        var count = new Option<int>("--count", "-n") { Description = "How many requests.", DefaultValueFactory = _ => 500 };
        var rate = new Option<double>("--rate") { Description = "Requests per second (0: as fast as --concurrency allows).", DefaultValueFactory = _ => 0 };
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Requests in flight at most.", DefaultValueFactory = _ => 4 };
        var drift = new Option<string[]>("--drift") { Description = "FEATURE=SHIFT applied to every record: +0.5sd, +10, *1.4 for numeric features, a value for categorical ones; repeatable.", AllowMultipleArgumentsPerToken = false };
        var records = new Option<string?>("--records") { Description = "A JSON array / JSON-lines file of records instead of the project's latest dataset (no labels then)." };
        var feedback = new Option<bool>("--feedback") { Description = "Then send each record's actual value (its target in the dataset) to /feedback." };
        var apiKey = new Option<string?>("--api-key") { Description = "Sent as X-API-Key (default: SEXTANT_API_KEY)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the sample of records.", DefaultValueFactory = _ => 1 };
        var command = new Command("traffic", "Send realistic /predict requests sampled from the project's data (optionally shifted with --drift) to a running server, and optionally their labels to /feedback.")
        {
            url, count, rate, concurrency, drift, records, feedback, apiKey, seed,
        };
        command.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            {
                throw new SextantException($"--url must be an absolute address such as http://127.0.0.1:5080, not '{parse.GetValue(url)}'.");
            }

            if (parse.GetValue(count) < 1)
            {
                throw new SextantException($"--count must be at least 1; got {parse.GetValue(count)}.");
            }

            await using var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
            var shifts = (parse.GetValue(drift) ?? []).Select(d => TrafficShift.Parse(d, project.Schema)).ToList();
            var bodies = await LoadTestBodies.LoadAsync(parse.GetValue(records) ?? project.Directory, Math.Max(parse.GetValue(count), 1_000), parse.GetValue(seed), cancellationToken).ConfigureAwait(false);
            var sample = bodies.Records.Select(r => r.DeepClone().AsObject()).ToList();
            foreach (var shift in shifts)
            {
                shift.Apply(sample, project.Schema.Find(shift.Feature)!.Type == FeatureKind.Numeric);
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var options = new TrafficOptions
            {
                Url = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/"),
                Count = parse.GetValue(count),
                Rate = parse.GetValue(rate),
                Concurrency = parse.GetValue(concurrency),
                ApiKey = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("SEXTANT_API_KEY"),
                SendFeedback = parse.GetValue(feedback),
            };
            var report = await context.StepAsync($"Sending {options.Count} requests to {options.Url}predict", progress =>
                TrafficSender.RunAsync(http, options, sample, bodies.Actuals, progress, cancellationToken)).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(report with { RequestIds = [] });
            }
            else
            {
                var failures = report.Failed.Count == 0 ? "" : ", failed: " + string.Join(", ", report.Failed.Select(kv => $"{kv.Key} x{kv.Value}"));
                var served = string.Join(", ", report.Versions.Select(kv => $"v{kv.Key} x{kv.Value}"));
                var drifted = shifts.Count == 0 ? "" : "; drifted: " + string.Join(", ", shifts.Select(s => $"{s.Feature}={s.Spec}"));
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Sent {report.Sent} requests in {report.Seconds:F1} s ({report.Sent / Math.Max(report.Seconds, 1e-9):F0}/s): {report.Succeeded} answered 200{failures}; versions: {served}{drifted}"));
                if (report.FeedbackRecorded is { } recorded)
                {
                    context.Out.WriteLine($"Feedback: {recorded} actual value(s) stored" + (report.FeedbackUnknown.Count == 0 ? "." : $"; {report.FeedbackUnknown.Count} id(s) were not in the log in time."));
                }
            }

            return report.Succeeded == report.Sent ? 0 : 1;
        }));
        return command;
    }
}
