namespace Sextant.Monitoring.Feedback;

/// <summary>The requests of a window the server refused for breaking declared schema rules.</summary>
/// <param name="Count">How many.</param>
/// <param name="ByFeature">Per feature, how many refused requests broke a rule of it.</param>
public sealed record RefusedRequests(int Count, IReadOnlyDictionary<string, int> ByFeature);
