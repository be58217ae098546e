namespace Sextant.Reports.Charts;

/// <summary>One series of a grouped <see cref="BarChart"/>: a value per label, in label order (NaN draws no bar).</summary>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values);
