using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Sextant.LoadTesting;

/// <summary>
/// Drives an HTTP endpoint with the open model (constant arrival rate, as wrk2) or the closed model (fixed concurrency,
/// as hey) and reports counts, errors and latency percentiles (HdrHistogram).
/// </summary>
/// <remarks>
/// In the open model request i is due at start + i / rate. Workers (at most <see cref="LoadTestOptions.Connections"/>
/// in flight) take the next due request; when all are busy it leaves late, and its latency still counts from when it
/// was due. So a server stall shows in every request scheduled during it (coordinated omission is not hidden), while
/// the closed model, which stops sending while it waits, records only the few requests that were in flight.
/// </remarks>
public sealed class LoadTestRunner
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json");

    private readonly LoadTestOptions _options;
    private readonly HttpClient _client;
    private readonly LoadTestRequests _requests;
    private readonly TimeProvider _time;
    private readonly string _runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private long _ids;

    private LoadTestRunner(LoadTestOptions options, HttpClient client, LoadTestRequests requests, TimeProvider time)
    {
        _options = options;
        _client = client;
        _requests = requests;
        _time = time;
    }

    /// <summary>Runs the warm-up (not measured), then the measured phase, and reports the latter.</summary>
    /// <param name="options">The load; validated first.</param>
    /// <param name="bodies">The records sent, each request with a fresh <c>X-Request-Id</c>.</param>
    /// <param name="progress">Receives a reading about once a second.</param>
    /// <param name="time">The clock. <value>Default <see cref="TimeProvider.System"/>.</value></param>
    /// <param name="cancellationToken">Stops the test.</param>
    public static async Task<LoadTestReport> RunAsync(LoadTestOptions options, LoadTestBodies bodies, IProgress<LoadTestProgress>? progress = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(bodies);
        options.Validate();
        time ??= TimeProvider.System;
        var workers = options.IsOpen ? options.Connections : options.ClosedConcurrency;
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = workers,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = options.Timeout,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        using var client = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        var requests = await LoadTestRequests.CreateAsync(client, options, bodies, cancellationToken).ConfigureAwait(false);
        var runner = new LoadTestRunner(options, client, requests, time);
        if (options.Warmup > TimeSpan.Zero)
        {
            await runner.RunPhaseAsync("warmup", options.Warmup, workers, progress, cancellationToken).ConfigureAwait(false);
        }

        var startedAt = time.GetUtcNow();
        var (tally, elapsed, scheduled, unsent) = await runner.RunPhaseAsync("measure", options.Duration, workers, progress, cancellationToken).ConfigureAwait(false);
        var completed = tally.Completed;
        return new LoadTestReport
        {
            StartedAt = startedAt,
            Url = options.Url.ToString(),
            Endpoint = options.Endpoint,
            Model = options.IsOpen ? "open" : "closed",
            TargetRate = options.Rate,
            Concurrency = workers,
            DurationSeconds = options.Duration.TotalSeconds,
            WarmupSeconds = options.Warmup.TotalSeconds,
            ElapsedSeconds = elapsed.TotalSeconds,
            Scheduled = scheduled,
            Unsent = unsent,
            Completed = completed,
            Ok = tally.Ok,
            Errors = completed - tally.Ok,
            AchievedRate = elapsed > TimeSpan.Zero ? completed / elapsed.TotalSeconds : 0,
            ErrorsByStatus = tally.ByStatus,
            ErrorsByKind = tally.ByKind,
            LatencyMs = LatencySummary.From(tally.Latency),
            LatencyFrom = options.IsOpen ? "intended send time" : "send time",
            BodySource = bodies.Source,
            BodyRecords = bodies.Records.Count,
            Machine = LoadTestMachine.Current(),
        };
    }

    private async Task<(LoadTestTally Tally, TimeSpan Elapsed, long Scheduled, long Unsent)> RunPhaseAsync(
        string phase, TimeSpan duration, int workers, IProgress<LoadTestProgress>? progress, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        var end = start + Ticks(duration);
        var live = new LiveCounts();
        using var stopProgress = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reporting = progress is null ? Task.CompletedTask : ReportAsync(phase, start, duration, live, progress, stopProgress.Token);
        var senders = Enumerable.Range(0, workers).Select(_ => new LoadTestWorker(cancellationToken)).ToArray();
        long scheduled;
        var schedule = new OpenSchedule();
        if (_options.Rate is { } rate)
        {
            scheduled = (long)Math.Round(rate * duration.TotalSeconds);
            var ticksPerRequest = _time.TimestampFrequency / rate;
            // Past the end by more than a timeout, the rest of the schedule is counted as unsent rather than sent late forever.
            var deadline = end + Ticks(_options.Timeout);
            await Task.WhenAll(senders.Select(t => OpenWorkerAsync(t, schedule, start, ticksPerRequest, scheduled, deadline, live, cancellationToken))).ConfigureAwait(false);
        }
        else
        {
            // Started on this thread, not queued to a busy thread pool: every client sends its first request at once.
            await Task.WhenAll(senders.Select(t => ClosedWorkerAsync(t, end, live, cancellationToken))).ConfigureAwait(false);
            scheduled = senders.Sum(t => t.Tally.Completed);
        }

        var elapsed = _time.GetElapsedTime(start, Volatile.Read(ref live.LastFinished) is var last && last > 0 ? last : _time.GetTimestamp());
        await stopProgress.CancelAsync().ConfigureAwait(false);
        await reporting.ConfigureAwait(false);
        var total = new LoadTestTally();
        foreach (var worker in senders)
        {
            total.Add(worker.Tally);
            worker.Dispose();
        }

        Debug.Assert(total.Completed + schedule.Unsent == scheduled || !_options.IsOpen, "Every scheduled request is sent once or counted unsent.");
        return (total, elapsed, scheduled, schedule.Unsent);
    }

    private async Task OpenWorkerAsync(LoadTestWorker worker, OpenSchedule schedule, long start, double ticksPerRequest, long scheduled, long deadline, LiveCounts live, CancellationToken cancellationToken)
    {
        var slack = _time.TimestampFrequency / 500;
        while (Interlocked.Increment(ref schedule.Next) - 1 is var i && i < scheduled)
        {
            var due = start + (long)(i * ticksPerRequest);
            var wait = due - _time.GetTimestamp();
            // Timers wake a millisecond or more late, which would count as the server's latency: sleep until 2 ms
            // before the request is due and send it then. Latency counts from the earlier of due and sent, so an
            // early send is measured from when it left and a late one from when it was due, never less than the truth.
            if (wait > slack)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)(wait - slack) / _time.TimestampFrequency), _time, cancellationToken).ConfigureAwait(false);
            }

            if (_time.GetTimestamp() > deadline)
            {
                Interlocked.Increment(ref schedule.Unsent);
                continue;
            }

            await SendAsync(worker, due, live, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ClosedWorkerAsync(LoadTestWorker worker, long end, LiveCounts live, CancellationToken cancellationToken)
    {
        while (_time.GetTimestamp() is var now && now < end)
        {
            await SendAsync(worker, now, live, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(LoadTestWorker worker, long due, LiveCounts live, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _ids);
        var bodies = _requests.Bodies;
        using var request = new HttpRequestMessage(HttpMethod.Post, _requests.Address) { Content = new ByteArrayContent(bodies[(int)(n % bodies.Length)]) };
        request.Content.Headers.ContentType = s_json;
        request.Headers.TryAddWithoutValidation("X-Request-Id", $"lt-{_runId}-{n}");
        foreach (var (name, value) in _options.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        worker.Timeout.CancelAfter(_options.Timeout);
        var sent = _time.GetTimestamp();
        var from = Math.Min(sent, due);
        var failed = true;
        try
        {
            // Headers first, then the body read into the worker's own buffer: the answer is read in full, never kept.
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, worker.Timeout.Token).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(worker.Timeout.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (await stream.ReadAsync(worker.Buffer, worker.Timeout.Token).ConfigureAwait(false) > 0)
                {
                }
            }

            worker.Tally.Answered((int)response.StatusCode, Micros(_time.GetTimestamp() - from));
            failed = !response.IsSuccessStatusCode;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            worker.Tally.Failed("timeout");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            worker.Tally.Failed(ex is HttpRequestException http ? Kind(http) : "connection");
        }
        finally
        {
            worker.ResetTimeout(cancellationToken);
            live.Finished(failed, _time.GetTimestamp());
        }
    }

    private static string Kind(HttpRequestException ex) => ex.HttpRequestError switch
    {
        // Nothing listening (a stopped server) is told apart from a connection lost with a request on it.
        HttpRequestError.ConnectionError when ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "refused",
        HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError
            or HttpRequestError.ResponseEnded or HttpRequestError.ProxyTunnelError => "connection",
        HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError or HttpRequestError.VersionNegotiationError
            or HttpRequestError.ConfigurationLimitExceeded => "protocol",
        _ when ex.InnerException is IOException or SocketException => "connection",
        _ => "other",
    };

    private async Task ReportAsync(string phase, long start, TimeSpan duration, LiveCounts live, IProgress<LoadTestProgress> progress, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _time);
        var (lastCount, lastTime) = (0L, start);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var (now, count) = (_time.GetTimestamp(), Volatile.Read(ref live.Completed));
                var seconds = _time.GetElapsedTime(lastTime, now).TotalSeconds;
                progress.Report(new LoadTestProgress(phase, _time.GetElapsedTime(start, now), duration, count, Volatile.Read(ref live.Errors), seconds > 0 ? (count - lastCount) / seconds : 0));
                (lastCount, lastTime) = (count, now);
            }
        }
        catch (OperationCanceledException)
        {
            // The phase ended: one last reading below.
        }

        // The last reading: the whole phase's rate.
        var (elapsed, completed) = (_time.GetElapsedTime(start), Volatile.Read(ref live.Completed));
        progress.Report(new LoadTestProgress(phase, elapsed, duration, completed, Volatile.Read(ref live.Errors), elapsed > TimeSpan.Zero ? completed / elapsed.TotalSeconds : 0));
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private long Micros(long ticks) => (long)(ticks * 1_000_000.0 / _time.TimestampFrequency);

    // The shared position in the open model's schedule.
    private sealed class OpenSchedule
    {
        public long Next;
        public long Unsent;
    }

    // Counters read by the progress line while workers run.
    private sealed class LiveCounts
    {
        public long Completed;
        public long Errors;
        public long LastFinished;

        public void Finished(bool failed, long at)
        {
            Interlocked.Increment(ref Completed);
            if (failed)
            {
                Interlocked.Increment(ref Errors);
            }

            // Timestamps only grow, so the largest written is the last finish.
            long seen;
            while ((seen = Volatile.Read(ref LastFinished)) < at && Interlocked.CompareExchange(ref LastFinished, at, seen) != seen)
            {
            }
        }
    }
}
