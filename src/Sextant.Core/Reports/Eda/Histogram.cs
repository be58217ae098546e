namespace Sextant.Reports.Eda;

/// <summary>Equal-width bins between min and max as numpy.histogram: [e_i, e_i+1), the last bin closed.</summary>
public sealed record Histogram(double[] Edges, long[] Counts);
