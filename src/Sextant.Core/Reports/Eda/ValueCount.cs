namespace Sextant.Reports.Eda;

/// <summary>A value (as text) and how many rows hold it.</summary>
public sealed record ValueCount(string Value, long Count, double Share);
