namespace Sextant.LoadTesting;

/// <summary>
/// What a load test sends and how: the open model (<see cref="Rate"/> set: requests leave on a fixed schedule and latency
/// counts from the intended send time, as wrk2 does) or the closed model (<see cref="Concurrency"/> set: that many
/// clients each send their next request when the last one is answered, as hey does).
/// </summary>
public sealed record LoadTestOptions
{
    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:5080</c>; the endpoint's path is appended.</summary>
    public required Uri Url { get; init; }

    /// <summary>The endpoint driven. <value>Default <see cref="LoadTestEndpoint.Predict"/>.</value></summary>
    public LoadTestEndpoint Endpoint { get; init; } = LoadTestEndpoint.Predict;

    /// <summary>Target arrivals per second (open model); <see langword="null"/> for the closed model.</summary>
    public double? Rate { get; init; }

    /// <summary>Clients each with one request in flight (closed model). <value>Default 32 when no rate is set.</value></summary>
    public int? Concurrency { get; init; }

    /// <summary>Most requests in flight (and connections) in the open model; a request scheduled while all are busy leaves late and its wait counts. <value>Default 64.</value></summary>
    public int Connections { get; init; } = 64;

    /// <summary>How long requests are sent and measured. <value>Default 10 s.</value></summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The same load sent first and not measured. <value>Default 0.</value></summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.Zero;

    /// <summary>A request not answered within this is a timeout error. <value>Default 10 s.</value></summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Records per request of <see cref="LoadTestEndpoint.Batch"/>. <value>Default 10.</value></summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>Extra request headers (e.g. <c>X-API-Key</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether this is the open model (a target rate) rather than the closed one.</summary>
    public bool IsOpen => Rate is not null;

    /// <summary>Concurrency of the closed model.</summary>
    public int ClosedConcurrency => Concurrency ?? 32;

    /// <summary>Throws when an option is out of range or both models are asked for.</summary>
    public void Validate()
    {
        if (Rate is not null && Concurrency is not null)
        {
            throw new SextantException("Give either a rate (open model) or a concurrency (closed model), not both.");
        }

        if (Rate is { } rate && !(rate > 0 && double.IsFinite(rate)))
        {
            throw new SextantException($"The rate must be a positive number of requests per second, not {rate}.");
        }

        if (Concurrency is < 1 || Connections < 1 || BatchSize < 1)
        {
            throw new SextantException("Concurrency, connections and batch size must be at least 1.");
        }

        if (Duration <= TimeSpan.Zero || Warmup < TimeSpan.Zero || Timeout <= TimeSpan.Zero)
        {
            throw new SextantException("The duration and timeout must be positive and the warm-up not negative.");
        }

        if (!Url.IsAbsoluteUri || Url.Scheme is not ("http" or "https"))
        {
            throw new SextantException($"The URL must be an absolute http(s) address, not '{Url}'.");
        }
    }
}
