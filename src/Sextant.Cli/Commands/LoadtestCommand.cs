using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Sextant.LoadTesting;
using Sextant.Projects;
using Sextant.Storage;

namespace Sextant.Cli.Commands;

internal static class LoadtestCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var url = new Option<string>("--url") { Description = "The server's base address, e.g. http://127.0.0.1:5080 (the endpoint's path is appended).", Required = true };
        var rate = new Option<double?>("--rate") { Description = "Open model: this many requests per second on a fixed schedule, latency from the intended send time (as wrk2)." };
        var concurrency = new Option<int?>("--concurrency", "-c") { Description = "Closed model: this many clients, each sending when its last answer came (as hey). Default 32 when no --rate." };
        var connections = new Option<int>("--connections") { Description = "Open model: most requests in flight (a request due while all are busy leaves late, its wait counted).", DefaultValueFactory = _ => 64 };
        var duration = new Option<string>("--duration", "-d") { Description = "How long to measure: 500ms, 30s, 2m.", DefaultValueFactory = _ => "10s" };
        var warmup = new Option<string>("--warmup") { Description = "The same load first, not measured: 0, 500ms, 5s.", DefaultValueFactory = _ => "0" };
        var timeout = new Option<string>("--timeout") { Description = "A request unanswered this long is a timeout error.", DefaultValueFactory = _ => "10s" };
        var bodyFrom = new Option<string>("--body-from") { Description = "The records to send: a project folder (its latest dataset's features) or a JSON array / JSON-lines file of records.", Required = true };
        var endpoint = new Option<LoadTestEndpoint>("--endpoint") { Description = "predict, batch, invocations (MLflow) or v2 (Open Inference Protocol).", DefaultValueFactory = _ => LoadTestEndpoint.Predict };
        var batchSize = new Option<int>("--batch-size") { Description = "Records per request of --endpoint batch.", DefaultValueFactory = _ => 10 };
        var headers = new Option<string[]>("--header", "-H") { Description = "An extra request header, 'Name: value' (e.g. X-API-Key); repeatable.", AllowMultipleArgumentsPerToken = false };
        var compare = new Option<string?>("--compare") { Description = "A previous JSON report: each headline figure beside it." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to PATH.json and PATH.md." };
        var seed = new Option<int>("--seed") { Description = "Seed of the order in which records are sent.", DefaultValueFactory = _ => 1 };
        var command = new Command("loadtest", "Load-test a running server (open or closed model) and report throughput, errors and latency percentiles.")
        {
            url, rate, concurrency, connections, duration, warmup, timeout, bodyFrom, endpoint, batchSize, headers, compare, output, seed,
        };
        command.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var address))
            {
                throw new SextantException($"--url must be an absolute address such as http://127.0.0.1:5080, not '{parse.GetValue(url)}'.");
            }

            var options = new LoadTestOptions
            {
                Url = address,
                Endpoint = parse.GetValue(endpoint),
                Rate = parse.GetValue(rate),
                Concurrency = parse.GetValue(concurrency),
                Connections = parse.GetValue(connections),
                Duration = Duration(parse.GetValue(duration)!, "--duration"),
                Warmup = parse.GetValue(warmup) is "0" or "0s" ? TimeSpan.Zero : Duration(parse.GetValue(warmup)!, "--warmup"),
                Timeout = Duration(parse.GetValue(timeout)!, "--timeout"),
                BatchSize = parse.GetValue(batchSize),
                Headers = Headers(parse.GetValue(headers) ?? []),
            };
            options.Validate();
            var previous = parse.GetValue(compare) is { } path ? await ReadReportAsync(path, cancellationToken).ConfigureAwait(false) : null;
            var bodies = await LoadTestBodies.LoadAsync(parse.GetValue(bodyFrom)!, seed: parse.GetValue(seed), cancellationToken: cancellationToken).ConfigureAwait(false);
            var live = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
            var report = await LoadTestRunner.RunAsync(options, bodies, new ProgressLine(stderr, live), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (previous is not null)
            {
                report = report with { Comparison = report.CompareWith(previous) };
            }

            var markdown = LoadTestMarkdown.Render(report);
            if (parse.GetValue(output) is { } prefix)
            {
                prefix = Path.ChangeExtension(prefix, null);
                await File.WriteAllTextAsync(prefix + ".json", CliApp.ToJson(report), cancellationToken).ConfigureAwait(false);
                await File.WriteAllTextAsync(prefix + ".md", markdown, cancellationToken).ConfigureAwait(false);
            }

            if (context.Json)
            {
                context.WriteJson(report);
            }
            else
            {
                stdout.Write(markdown);
            }

            return 0;
        }));
        return command;
    }

    private static TimeSpan Duration(string text, string what) =>
        text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) && double.TryParse(text[..^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : ConfigDuration.Parse(text, what);

    private static Dictionary<string, string> Headers(string[] values) => values.Select(h =>
    {
        var colon = h.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? (Name: h[..colon].Trim(), Value: h[(colon + 1)..].Trim()) : throw new SextantException($"--header must be 'Name: value', not '{h}'.");
    }).ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);

    private static async Task<LoadTestReport> ReadReportAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<LoadTestReport>(file, SextantJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw new SextantException($"'{path}' is empty, not a load-test report.");
        }
        catch (JsonException ex)
        {
            throw new SextantException($"'{path}' is not a load-test report of this version: {ex.Message}");
        }
    }

    // One line a second on stderr: rewritten in place on a terminal, else a new line each time.
    private sealed class ProgressLine(TextWriter stderr, bool live) : IProgress<LoadTestProgress>
    {
        public void Report(LoadTestProgress value)
        {
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{value.Phase} {value.Elapsed.TotalSeconds,5:0.0}/{value.Duration.TotalSeconds:0.#} s  {value.Completed,9:N0} requests  {value.Errors:N0} errors  {value.CurrentRate,8:N0}/s");
            lock (stderr)
            {
                stderr.Write(live ? "\r" + line + "   " : line + Environment.NewLine);
            }
        }
    }
}
