namespace Sextant.Monitoring.Feedback;

/// <summary>The realised outcome of one served prediction, joined to the prediction log by its request id.</summary>
/// <param name="RequestId">The <c>request_id</c> the prediction was answered with (the <c>X-Request-Id</c> header).</param>
/// <param name="Actual">The true value: a number for regression, a class label for classification.</param>
public sealed record FeedbackItem(string RequestId, string Actual);
