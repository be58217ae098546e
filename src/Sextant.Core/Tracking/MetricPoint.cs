namespace Sextant.Tracking;

/// <summary>One logged value of a metric.</summary>
public readonly record struct MetricPoint(string Key, double Value, long Step, DateTimeOffset Timestamp);
