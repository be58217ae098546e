namespace Sextant.Monitoring.Traffic;

/// <summary>What <c>sextant traffic</c> did.</summary>
public sealed record TrafficReport
{
    /// <summary>Gets the requests sent.</summary>
    public required int Sent { get; init; }

    /// <summary>Gets the requests answered 200.</summary>
    public required int Succeeded { get; init; }

    /// <summary>Gets the failed requests by status code (or <c>connection</c>, <c>timeout</c>).</summary>
    public required IReadOnlyDictionary<string, int> Failed { get; init; }

    /// <summary>Gets the seconds from the first send to the last answer.</summary>
    public required double Seconds { get; init; }

    /// <summary>Gets the model versions that answered, with their counts.</summary>
    public required IReadOnlyDictionary<int, int> Versions { get; init; }

    /// <summary>Gets the actual values the server stored, when feedback was sent.</summary>
    public int? FeedbackRecorded { get; init; }

    /// <summary>Gets the request ids the server's log did not hold when feedback gave up waiting.</summary>
    public IReadOnlyList<string> FeedbackUnknown { get; init; } = [];

    /// <summary>Gets the request id of every answered request, in send order.</summary>
    public IReadOnlyList<string> RequestIds { get; init; } = [];
}
