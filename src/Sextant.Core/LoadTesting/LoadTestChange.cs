namespace Sextant.LoadTesting;

/// <summary>One figure of a report beside the same figure of a previous report.</summary>
/// <param name="Metric">The figure, e.g. <c>p99_ms</c>.</param>
/// <param name="Previous">Its value in the previous report.</param>
/// <param name="Current">Its value now.</param>
/// <param name="ChangePercent">Relative change in percent; <see langword="null"/> when the previous value is zero.</param>
/// <param name="Worse">Whether the change is for the worse (higher latency or error share, lower throughput).</param>
public sealed record LoadTestChange(string Metric, double Previous, double Current, double? ChangePercent, bool Worse);
