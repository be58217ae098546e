namespace Sextant.Monitoring.Feedback;

/// <summary>What a batch of feedback did to the prediction log.</summary>
/// <param name="Received">The items in the batch.</param>
/// <param name="Recorded">The logged predictions that got their first actual value.</param>
/// <param name="Corrected">The logged predictions whose earlier actual value was replaced.</param>
/// <param name="Unknown">The request ids no logged prediction has, in the order given; nothing of theirs was stored.</param>
public sealed record FeedbackResult(int Received, int Recorded, int Corrected, IReadOnlyList<string> Unknown);
