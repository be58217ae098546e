namespace Sextant.Models;

/// <summary>One candidate's result: its selection score (on a validation split of the training rows) and timings.</summary>
public sealed record LeaderboardEntry(string Candidate, string Learner, IReadOnlyDictionary<string, double> Metrics, double FitMilliseconds, double PredictMicrosecondsPerRow, bool Selected);
