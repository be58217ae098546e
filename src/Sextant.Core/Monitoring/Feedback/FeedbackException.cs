namespace Sextant.Monitoring.Feedback;

/// <summary>A batch of feedback was refused as a whole: every problem is listed, nothing was stored.</summary>
public sealed class FeedbackException : SextantException
{
    public FeedbackException(string message, IReadOnlyList<string> problems, IReadOnlyList<string> unknown)
        : base(message)
    {
        Problems = problems;
        Unknown = unknown;
    }

    public FeedbackException()
        : this("The feedback was refused.", [], [])
    {
    }

    public FeedbackException(string message)
        : this(message, [], [])
    {
    }

    public FeedbackException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
        Unknown = [];
    }

    /// <summary>Gets the problems of single items (no id, no value, not a number), each naming the item.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Gets the request ids no logged prediction has.</summary>
    public IReadOnlyList<string> Unknown { get; }
}
