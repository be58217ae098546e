namespace Sextant.Learners.GradientBoosting;

/// <summary>
/// Features quantised once into byte bins, column-major (one array per feature). Bin <c>b</c> of feature <c>f</c>
/// holds the values <c>x</c> with <c>Edges[f][b - 1] &lt; x &lt;= Edges[f][b]</c>; missing values (NaN) are in bin
/// <c>BinCounts[f]</c>, after the value bins. A categorical feature has edges <c>0.5, 1.5, ...</c>: bin <c>b</c> holds
/// code <c>b</c>, and the last value bin also every larger code (the 'other' bin when there are more codes than bins).
/// </summary>
internal sealed class BinnedFeatures
{
    public BinnedFeatures(byte[][] bins, byte[] rowMajorBins, double[][] edges, int rows, ulong[]?[]? seenCodes = null, int rowStart = 0, int rowStride = 0)
    {
        SeenCodes = seenCodes ?? new ulong[]?[edges.Length];
        Bins = bins;
        RowMajorBins = rowMajorBins;
        RowStart = rowStart;
        RowStride = rowStride > 0 ? rowStride : edges.Length;
        Edges = edges;
        Rows = rows;
        BinCounts = new int[edges.Length];
        HistogramOffsets = new int[edges.Length];
        int offset = 0;
        for (int f = 0; f < edges.Length; f++)
        {
            BinCounts[f] = edges[f].Length + 1;
            HistogramOffsets[f] = offset;
            offset += BinCounts[f] + 1;
        }

        TotalBins = offset;
    }

    /// <summary>
    /// Gets, per feature, <see langword="null"/> for a numeric feature, else the bitset of the category codes seen in
    /// training (its length covers the largest code).
    /// </summary>
    public ulong[]?[] SeenCodes { get; }

    /// <summary>Gets the bin of every row, per feature.</summary>
    public byte[][] Bins { get; }

    /// <summary>
    /// Gets the same bins row-major (<c>row * Features + feature</c>): histograms are built a row at a time, loading its
    /// gradient once and touching every feature's histogram, which avoids the serial chains of updates to one bin that a
    /// column at a time suffers.
    /// </summary>
    public byte[] RowMajorBins { get; }

    /// <summary>Gets where row 0's bins start in <see cref="RowMajorBins"/>.</summary>
    public int RowStart { get; }

    /// <summary>
    /// Gets the bytes from one row's bins to the next in <see cref="RowMajorBins"/>: <see cref="Features"/>, or more
    /// when each row's record also holds an 8-byte value after its bins (<see cref="HasRowValues"/>).
    /// </summary>
    public int RowStride { get; }

    /// <summary>Gets whether each row's record ends with 8 bytes (8-aligned) that a trainer may use for a per-row value.</summary>
    public bool HasRowValues => RowStride >= Features + sizeof(long);

    /// <summary>Gets the upper edges of every value bin but the last (whose upper edge is unbounded), per feature.</summary>
    public double[][] Edges { get; }

    /// <summary>Gets the number of value bins per feature; this is also the index of the feature's missing-value bin.</summary>
    public int[] BinCounts { get; }

    /// <summary>Gets where each feature's bins (value bins, then the missing bin) start in a flat histogram.</summary>
    public int[] HistogramOffsets { get; }

    /// <summary>Gets the length of a flat histogram over every feature.</summary>
    public int TotalBins { get; }

    /// <summary>Gets the number of rows.</summary>
    public int Rows { get; }

    /// <summary>Gets the number of features.</summary>
    public int Features => Edges.Length;

    /// <summary>Whether a feature holds category codes.</summary>
    public bool IsCategorical(int feature) => SeenCodes[feature] is not null;

    /// <summary>
    /// The category sets of a categorical split on <paramref name="feature"/> whose value bins <paramref name="leftBins"/>
    /// go left: the codes of those bins left, every other code seen in training right, each as many words as the codes
    /// seen need.
    /// </summary>
    public (ulong[] Left, ulong[] Right) CategorySplit(int feature, in BinSet leftBins)
    {
        ulong[] seen = SeenCodes[feature]!;
        int lastBin = BinCounts[feature] - 1;
        var left = new ulong[seen.Length];
        var right = new ulong[seen.Length];
        for (int code = 0; code < seen.Length * 64; code++)
        {
            ulong bit = 1UL << (code & 63);
            if ((seen[code >> 6] & bit) == 0)
            {
                continue;
            }

            bool goesLeft = leftBins.Contains(Math.Min(code, lastBin));
            (goesLeft ? left : right)[code >> 6] |= bit;
        }

        return (left, right);
    }

    /// <summary>
    /// The raw threshold that sends exactly the values of bins <c>0..bin</c> left: the bin's upper edge, or
    /// <see cref="double.MaxValue"/> for the last value bin (every finite value goes left, missing values follow the default).
    /// </summary>
    public double Threshold(int feature, int bin) =>
        bin < Edges[feature].Length ? Edges[feature][bin] : double.MaxValue;
}
