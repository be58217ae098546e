using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sextant.Storage;

namespace Sextant.Monitoring.Traffic;

/// <summary>
/// Sends realistic requests to a running server's <c>/predict</c>, each with its own <c>X-Request-Id</c>, at a target rate,
/// and optionally the matching actual values to <c>/feedback</c> once the server's prediction log holds them: the
/// traffic a monitoring loop is tested with.
/// </summary>
public static class TrafficSender
{
    private const string ApiKeyHeader = "X-API-Key";
    private const int FeedbackBatch = 1_000;

    /// <param name="http">The client (its timeout applies per request).</param>
    /// <param name="options">Where, how many, how fast.</param>
    /// <param name="records">The records, taken in turn (request n sends record n modulo the count).</param>
    /// <param name="actuals">The actual value of each record, for feedback; null without.</param>
    /// <param name="progress">Progress lines, at most a few a second.</param>
    /// <param name="cancellationToken">Stops sending.</param>
    public static async Task<TrafficReport> RunAsync(HttpClient http, TrafficOptions options, IReadOnlyList<JsonObject> records, IReadOnlyList<string?>? actuals,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Count, 1);
        ArgumentOutOfRangeException.ThrowIfZero(records.Count);
        if (options.SendFeedback && actuals is null)
        {
            throw new SextantException("Feedback needs the actual value of each record: sample the records from the project's data (not a file of records).");
        }

        var predict = new Uri(options.Url, "predict");
        var ids = new string?[options.Count];
        var versions = new int[options.Count];
        var failed = new Dictionary<string, int>(StringComparer.Ordinal);
        var done = 0;
        var lastReport = Stopwatch.GetTimestamp();
        using var gate = new SemaphoreSlim(Math.Max(1, options.Concurrency));
        var watch = Stopwatch.StartNew();
        var tasks = new List<Task>(options.Count);
        for (var i = 0; i < options.Count; i++)
        {
            if (options.Rate > 0)
            {
                var due = TimeSpan.FromSeconds(i / options.Rate) - watch.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellationToken).ConfigureAwait(false);
                }
            }

            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            var n = i;
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    var id = Guid.NewGuid().ToString("N");
                    using var request = new HttpRequestMessage(HttpMethod.Post, predict)
                    {
                        Content = new StringContent(records[n % records.Count].ToJsonString(), Encoding.UTF8, "application/json"),
                    };
                    request.Headers.Add("X-Request-Id", id);
                    if (options.ApiKey is { } key)
                    {
                        request.Headers.Add(ApiKeyHeader, key);
                    }

                    using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        ids[n] = id;
                        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
                        versions[n] = body.RootElement.TryGetProperty("model_version", out var v) && v.TryGetInt32(out var version) ? version : 0;
                    }
                    else
                    {
                        Count(failed, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
                    }
                }
                catch (HttpRequestException)
                {
                    Count(failed, "connection");
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    Count(failed, "timeout");
                }
                finally
                {
                    gate.Release();
                    var finished = Interlocked.Increment(ref done);
                    if (progress is not null && (finished == options.Count || Stopwatch.GetElapsedTime(Interlocked.Read(ref lastReport)) > TimeSpan.FromMilliseconds(500)))
                    {
                        Interlocked.Exchange(ref lastReport, Stopwatch.GetTimestamp());
                        progress.Report($"{finished}/{options.Count} sent, {finished - FailedCount(failed)} ok");
                    }
                }
            }, cancellationToken));
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        var seconds = watch.Elapsed.TotalSeconds;
        var answered = Enumerable.Range(0, options.Count).Where(i => ids[i] is not null).ToList();
        var report = new TrafficReport
        {
            Sent = options.Count,
            Succeeded = answered.Count,
            Failed = failed,
            Seconds = seconds,
            Versions = answered.GroupBy(i => versions[i]).ToDictionary(g => g.Key, g => g.Count()),
            RequestIds = [.. answered.Select(i => ids[i]!)],
        };
        if (!options.SendFeedback || answered.Count == 0)
        {
            return report;
        }

        var items = answered.Where(i => actuals![i % records.Count] is not null)
            .Select(i => new JsonObject { ["request_id"] = ids[i], ["actual"] = actuals![i % records.Count] }).ToList();
        progress?.Report($"sending {items.Count} actual value(s) to /feedback");
        var (recorded, unknown) = await SendFeedbackAsync(http, options, items, cancellationToken).ConfigureAwait(false);
        return report with { FeedbackRecorded = recorded, FeedbackUnknown = unknown };
    }

    // Batches that name an id the log does not hold yet (the server writes its log in the background) are retried until
    // the wait is over; then the known ids are stored and the others reported.
    private static async Task<(int Recorded, IReadOnlyList<string> Unknown)> SendFeedbackAsync(HttpClient http, TrafficOptions options, List<JsonObject> items, CancellationToken cancellationToken)
    {
        var recorded = 0;
        var unknown = new List<string>();
        var deadline = Stopwatch.StartNew();
        foreach (var batch in items.Chunk(FeedbackBatch))
        {
            while (true)
            {
                var skip = deadline.Elapsed >= options.FeedbackWait;
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Url, skip ? "feedback?skip_unknown=true" : "feedback"))
                {
                    Content = new StringContent(new JsonArray([.. batch.Select(b => b.DeepClone())]).ToJsonString(), Encoding.UTF8, "application/json"),
                };
                if (options.ApiKey is { } key)
                {
                    request.Headers.Add(ApiKeyHeader, key);
                }

                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    var result = await response.Content.ReadFromJsonAsync<Feedback.FeedbackResult>(SextantJson.Compact, cancellationToken).ConfigureAwait(false);
                    recorded += (result?.Recorded ?? 0) + (result?.Corrected ?? 0);
                    unknown.AddRange(result?.Unknown ?? []);
                    break;
                }

                var problem = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.UnprocessableEntity || !problem.Contains("unknown_request_ids", StringComparison.Ordinal) || problem.Contains("\"problems\":[\"", StringComparison.Ordinal))
                {
                    throw new SextantException($"POST /feedback answered {(int)response.StatusCode}: {problem}");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            }
        }

        return (recorded, unknown);
    }

    private static void Count(Dictionary<string, int> failed, string key)
    {
        lock (failed)
        {
            failed[key] = failed.GetValueOrDefault(key) + 1;
        }
    }

    private static int FailedCount(Dictionary<string, int> failed)
    {
        lock (failed)
        {
            return failed.Values.Sum();
        }
    }
}
