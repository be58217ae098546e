namespace Sextant.Monitoring.Traffic;

/// <summary>What <c>sextant traffic</c> sends, and where.</summary>
public sealed record TrafficOptions
{
    /// <summary>Gets the server's base URL (e.g. <c>http://127.0.0.1:8080</c>).</summary>
    public required Uri Url { get; init; }

    /// <summary>Gets the number of requests.</summary>
    public required int Count { get; init; }

    /// <summary>Gets the target rate in requests per second; 0 sends as fast as <see cref="Concurrency"/> allows.</summary>
    /// <value>Default 0.</value>
    public double Rate { get; init; }

    /// <summary>Gets the requests in flight at most.</summary>
    /// <value>Default 4.</value>
    public int Concurrency { get; init; } = 4;

    /// <summary>Gets the API key sent as <c>X-API-Key</c>, or <see langword="null"/>.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public string? ApiKey { get; init; }

    /// <summary>Gets whether the records' actual values are sent to <c>/feedback</c> once the answers are in.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool SendFeedback { get; init; }

    /// <summary>Gets how long feedback waits for the server's prediction log to hold every id before it skips the missing ones.</summary>
    /// <value>Default 30 seconds.</value>
    public TimeSpan FeedbackWait { get; init; } = TimeSpan.FromSeconds(30);
}
