using System.Buffers;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Globalization;

namespace Sextant.Learners.GradientBoosting;

/// <summary>Chooses quantile bin edges per feature and bins every row once.</summary>
internal static class FeatureBinner
{
    /// <summary>Edges are chosen from at most this many rows (a seeded random subset), as scikit-learn does.</summary>
    internal const int EdgeSampleRows = 200_000;

    /// <summary>Category codes must be below this, which bounds the size of a split's category sets.</summary>
    internal const int MaxCategoryCode = 65_535;

    private const int TransposeBlockRows = 16_384;

    /// <summary>
    /// Bins row-major features (NaN = missing; infinities rejected). A categorical column gets one bin per code
    /// <c>0..maxBins-2</c> and shares the last value bin among the larger codes. With <c>rowValues</c>, each row's
    /// row-major bins are followed by 8 bytes a trainer may fill (see <see cref="BinnedFeatures.HasRowValues"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A feature value is infinite, or a categorical value is not a code.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static BinnedFeatures Bin(
        ReadOnlySpan<double> features,
        int rows,
        int columns,
        int maxBins,
        int seed,
        ParallelOptions parallel,
        IReadOnlyCollection<int>? categorical = null,
        bool rowValues = false)
    {
        var seenCodes = new ulong[]?[columns];
        if (categorical is { Count: > 0 })
        {
            foreach (int f in categorical)
            {
                seenCodes[f] = SeenCodes(features, rows, columns, f);
            }
        }

        int[] sampleRows = ChooseEdgeSample(rows, seed);
        (double[][] sampleValues, int[] sampleCounts) = SampleValues(features, columns, sampleRows, parallel);
        var edges = new double[columns][];
        Parallel.For(0, columns, parallel, f => edges[f] = seenCodes[f] is { } seen
            ? CategoryEdges(seen, maxBins)
            : ChooseEdges(sampleValues[f].AsSpan(0, sampleCounts[f]), maxBins));

        var bins = new byte[columns][];
        for (int f = 0; f < columns; f++)
        {
            bins[f] = new byte[rows];
        }

        (byte[] rowMajor, int rowStart, int rowStride) = RowMajorLayout(rows, columns, rowValues);
        BinBlocks(features, rows, columns, edges, bins, rowMajor, rowStart, rowStride, parallel);
        return new BinnedFeatures(bins, rowMajor, edges, rows, seenCodes, rowStart, rowStride);
    }

    /// <summary>
    /// Each feature's non-missing values over the sample rows, in row order: blocks of rows in parallel, each writing
    /// every value at its block's offset and counting only those that are not NaN (no branch), then the blocks' values
    /// moved down to close the gaps the missing ones left.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe (double[][] Values, int[] Counts) SampleValues(ReadOnlySpan<double> features, int columns, int[] sampleRows, ParallelOptions parallel)
    {
        int n = sampleRows.Length;
        var values = new double[columns][];
        for (int f = 0; f < columns; f++)
        {
            values[f] = new double[n];
        }

        int blocks = Math.Max(1, Math.Min(n / TransposeBlockRows, 64));
        int blockRows = (n + blocks - 1) / blocks;
        var counts = new int[blocks * columns];
        fixed (double* pointer = features)
        {
            nint address = (nint)pointer;
            Parallel.For(0, blocks, parallel, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (b) =>
            {
                int start = b * blockRows;
                int end = Math.Min(n, start + blockRows);
                Span<int> next = counts.AsSpan(b * columns, columns);
                next.Fill(start);
                for (int k = start; k < end; k++)
                {
                    double* row = (double*)address + ((long)sampleRows[k] * columns);
                    for (int f = 0; f < columns; f++)
                    {
                        double x = row[f];
                        values[f][next[f]] = x;
                        next[f] += double.IsNaN(x) ? 0 : 1;
                    }
                }

                for (int f = 0; f < columns; f++)
                {
                    next[f] -= start;
                }
            });
        }

        var totals = new int[columns];
        for (int f = 0; f < columns; f++)
        {
            int total = counts[f];
            for (int b = 1; b < blocks; b++)
            {
                int count = counts[(b * columns) + f];
                values[f].AsSpan(b * blockRows, count).CopyTo(values[f].AsSpan(total));
                total += count;
            }

            totals[f] = total;
        }

        return (values, totals);
    }

    /// <summary>
    /// The row-major array: <c>columns</c> bytes a row; or, with <paramref name="rowValues"/>, a record a row of its
    /// bins then an 8-byte value, 16, 32 or 64 bytes when that fits, in a pinned array whose records start on a cache
    /// line, so that reading a scattered row's bins and value is one cache miss.
    /// </summary>
    private static unsafe (byte[] RowMajor, int Start, int Stride) RowMajorLayout(int rows, int columns, bool rowValues)
    {
        if (!rowValues)
        {
            return (new byte[(long)rows * columns], 0, columns);
        }

        int stride = ((columns + 7) / 8 * 8) + sizeof(long);
        if (stride <= 64)
        {
            stride = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)stride);
        }

        if (((long)rows * stride) + 64 > Array.MaxLength)
        {
            return (new byte[(long)rows * columns], 0, columns);
        }

        byte[] rowMajor = GC.AllocateArray<byte>((rows * stride) + 64, pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(rowMajor));
        return (rowMajor, (int)((64 - (address % 64)) % 64), stride);
    }

    /// <summary>
    /// Bins every row, in parallel over blocks of <see cref="TransposeBlockRows"/> rows: each block is copied column by
    /// column into a pooled buffer (checking for infinities), binned per feature, and written row-major as well.
    /// </summary>
    /// <exception cref="ArgumentException">A value is infinite; the message names the first such row and column.</exception>
    private static unsafe void BinBlocks(
        ReadOnlySpan<double> features,
        int rows,
        int columns,
        double[][] edges,
        byte[][] bins,
        byte[] rowMajor,
        int rowStart,
        int rowStride,
        ParallelOptions parallel)
    {
        int blocks = (rows + TransposeBlockRows - 1) / TransposeBlockRows;
        long firstInfinite = long.MaxValue;
        fixed (double* pointer = features)
        {
            // A span cannot enter the parallel body; its address can, and the fixed statement pins it until the end.
            nint address = (nint)pointer;
            Parallel.For(0, blocks, parallel, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (b) =>
            {
                int start = b * TransposeBlockRows;
                int count = Math.Min(TransposeBlockRows, rows - start);
                var values = new ReadOnlySpan<double>((double*)address + ((long)start * columns), count * columns);
                double[] block = ArrayPool<double>.Shared.Rent(count * columns);
                try
                {
                    for (int i = 0; i < count; i++)
                    {
                        ReadOnlySpan<double> row = values.Slice(i * columns, columns);
                        for (int f = 0; f < columns; f++)
                        {
                            double x = row[f];
                            if (double.IsInfinity(x))
                            {
                                long at = ((long)(start + i) * columns) + f;
                                long seen;
                                while (at < (seen = Interlocked.Read(ref firstInfinite))
                                    && Interlocked.CompareExchange(ref firstInfinite, at, seen) != seen)
                                {
                                }

                                x = 0;
                            }

                            block[(f * count) + i] = x;
                        }
                    }

                    for (int f = 0; f < columns; f++)
                    {
                        Span<byte> column = bins[f].AsSpan(start, count);
                        BinColumn(block.AsSpan(f * count, count), edges[f], column);
                        for (int i = 0; i < count; i++)
                        {
                            rowMajor[rowStart + ((long)(start + i) * rowStride) + f] = column[i];
                        }
                    }
                }
                finally
                {
                    ArrayPool<double>.Shared.Return(block);
                }
            });
        }

        if (firstInfinite != long.MaxValue)
        {
            long row = firstInfinite / columns;
            int column = (int)(firstInfinite % columns);
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"features contains {features[(int)firstInfinite]} at row {row}, column {column} (zero-based); values must be finite or NaN (missing)."),
                nameof(features));
        }
    }

    /// <summary>The bin of one raw value: the first edge at or above it, NaN in the missing bin.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int BinOf(double x, ReadOnlySpan<double> edges)
    {
        if (double.IsNaN(x))
        {
            return edges.Length + 1;
        }

        // Branch-free lower bound (the first edge >= x): the halving steps compile to conditional moves, so random
        // values do not pay a mispredicted branch per step, several times faster on real data.
        int length = edges.Length;
        if (length == 0)
        {
            return 0;
        }

        ref double first = ref MemoryMarshal.GetReference(edges);
        int lo = 0;
        while (length > 1)
        {
            int half = length >> 1;
            lo = Unsafe.Add(ref first, lo + half - 1) < x ? lo + half : lo;
            length -= half;
        }

        return lo + (Unsafe.Add(ref first, lo) < x ? 1 : 0);
    }

    /// <summary>The bitset of the codes a categorical column holds, after checking every value is a code or NaN.</summary>
    private static ulong[] SeenCodes(ReadOnlySpan<double> features, int rows, int columns, int feature)
    {
        var seen = new ulong[(MaxCategoryCode + 64) / 64];
        int maxCode = -1;
        for (int i = 0; i < rows; i++)
        {
            double x = features[(i * columns) + feature];
            if (double.IsNaN(x))
            {
                continue;
            }

            if (!(x >= 0 && x <= MaxCategoryCode) || x != Math.Floor(x))
            {
                throw new ArgumentException(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"features contains {x} at row {i}, column {feature} (zero-based), a categorical column; its values must be integer codes 0 to {MaxCategoryCode} or NaN (missing)."),
                    nameof(features));
            }

            int code = (int)x;
            seen[code >> 6] |= 1UL << (code & 63);
            maxCode = Math.Max(maxCode, code);
        }

        return seen[..((maxCode + 64) / 64)];
    }

    /// <summary>Edges <c>0.5, 1.5, ...</c>: one bin per code up to the largest seen, at most <paramref name="maxBins"/> bins.</summary>
    private static double[] CategoryEdges(ulong[] seen, int maxBins)
    {
        int maxCode = -1;
        for (int w = seen.Length - 1; w >= 0 && maxCode < 0; w--)
        {
            if (seen[w] != 0)
            {
                maxCode = (w * 64) + 63 - System.Numerics.BitOperations.LeadingZeroCount(seen[w]);
            }
        }

        int valueBins = Math.Max(1, Math.Min(maxCode + 1, maxBins));
        var edges = new double[valueBins - 1];
        for (int b = 0; b < edges.Length; b++)
        {
            edges[b] = b + 0.5;
        }

        return edges;
    }

    /// <summary>
    /// Bins a column: <see cref="BinOf"/> for every value. With 512-bit vectors the lower bound is found in two steps of
    /// two compares each instead of eight dependent halvings: the edges, padded with +infinity to 256, form 16 blocks;
    /// counting the blocks whose last edge is below the value gives its block, and counting the edges below it in that
    /// block gives its bin.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BinColumn(ReadOnlySpan<double> values, double[] edges, Span<byte> destination)
    {
        Debug.Assert(edges.Length < 255, "Bins are bytes, and the missing bin follows the value bins.");
        if (!Vector512.IsHardwareAccelerated || edges.Length == 0)
        {
            for (int i = 0; i < values.Length; i++)
            {
                destination[i] = (byte)BinOf(values[i], edges);
            }

            return;
        }

        Span<double> padded = stackalloc double[256];
        padded.Fill(double.PositiveInfinity);
        edges.CopyTo(padded);
        Span<double> lasts = stackalloc double[16];
        for (int j = 0; j < lasts.Length; j++)
        {
            lasts[j] = padded[(16 * j) + 15];
        }

        Vector512<double> low = Vector512.Create((ReadOnlySpan<double>)lasts[..8]);
        Vector512<double> high = Vector512.Create((ReadOnlySpan<double>)lasts[8..]);
        ref double first = ref MemoryMarshal.GetReference(padded);
        byte missing = (byte)(edges.Length + 1);
        for (int i = 0; i < values.Length; i++)
        {
            double x = values[i];
            if (double.IsNaN(x))
            {
                destination[i] = missing;
                continue;
            }

            var value = Vector512.Create(x);
            int block = BitOperations.PopCount(Vector512.LessThan(low, value).ExtractMostSignificantBits())
                + BitOperations.PopCount(Vector512.LessThan(high, value).ExtractMostSignificantBits());
            ref double blockEdges = ref Unsafe.Add(ref first, 16 * block);
            int inBlock = BitOperations.PopCount(Vector512.LessThan(Vector512.LoadUnsafe(ref blockEdges), value).ExtractMostSignificantBits())
                + BitOperations.PopCount(Vector512.LessThan(Vector512.LoadUnsafe(ref blockEdges, 8), value).ExtractMostSignificantBits());
            destination[i] = (byte)((16 * block) + inBlock);
        }
    }

    private static int[] ChooseEdgeSample(int rows, int seed)
    {
        var all = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            all[i] = i;
        }

        if (rows <= EdgeSampleRows)
        {
            return all;
        }

        // A partial Fisher-Yates shuffle picks the subset; marking it and reading the marks back in row order lists it
        // sorted (so the reads stay in memory order) without a sort.
        var random = new Random(seed);
        for (int i = 0; i < EdgeSampleRows; i++)
        {
            int j = random.Next(i, rows);
            (all[i], all[j]) = (all[j], all[i]);
        }

        var chosen = new bool[rows];
        for (int i = 0; i < EdgeSampleRows; i++)
        {
            chosen[all[i]] = true;
        }

        int[] sample = all.AsSpan(0, EdgeSampleRows).ToArray();
        int count = 0;
        for (int row = 0; row < rows; row++)
        {
            if (chosen[row])
            {
                sample[count++] = row;
            }
        }

        return sample;
    }

    /// <summary>
    /// Upper edges of at most <paramref name="maxBins"/> bins: midpoints between consecutive distinct values when there
    /// are few enough, else midpoints after evenly spaced quantiles.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] ChooseEdges(Span<double> values, int maxBins)
    {
        if (values.IsEmpty)
        {
            return [];
        }

        SortFinite(values);
        int distinct = 1;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] != values[i - 1])
            {
                distinct++;
            }
        }

        var edges = new List<double>(Math.Min(distinct, maxBins));
        if (distinct <= maxBins)
        {
            for (int i = 1; i < values.Length; i++)
            {
                if (values[i] != values[i - 1])
                {
                    edges.Add(Midpoint(values[i - 1], values[i]));
                }
            }

            return [.. edges];
        }

        int n = values.Length;
        for (int k = 1; k < maxBins; k++)
        {
            double v = values[(int)((long)k * n / maxBins)];
            int next = UpperBound(values, v);
            if (next >= n)
            {
                break;
            }

            double edge = Midpoint(v, values[next]);
            if (edges.Count == 0 || edge > edges[^1])
            {
                edges.Add(edge);
            }
        }

        return [.. edges];
    }

    /// <summary>
    /// Sorts finite values ascending by a least-significant-digit radix sort of their bits (11 bits a pass, passes whose
    /// digit every value shares skipped): linear in the count, several times faster than a comparison sort on the
    /// 200,000-value edge samples. Equal values, -0 and +0 included, end up adjacent, which is all edge choice needs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SortFinite(Span<double> values)
    {
        const int Bits = 11;
        const int Buckets = 1 << Bits;
        const int Passes = (64 + Bits - 1) / Bits;
        int n = values.Length;
        if (n < 256)
        {
            values.Sort();
            return;
        }

        ulong[] keys = ArrayPool<ulong>.Shared.Rent(n);
        ulong[] other = ArrayPool<ulong>.Shared.Rent(n);
        int[] counts = ArrayPool<int>.Shared.Rent(Passes * Buckets);
        try
        {
            Span<int> histogram = counts.AsSpan(0, Passes * Buckets);
            histogram.Clear();

            // Order-preserving unsigned keys: flip every bit of negatives, the sign bit of the rest.
            for (int i = 0; i < n; i++)
            {
                ulong bits = BitConverter.DoubleToUInt64Bits(values[i]);
                ulong key = (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
                keys[i] = key;
                for (int p = 0; p < Passes; p++)
                {
                    histogram[(p * Buckets) + (int)((key >> (p * Bits)) & (Buckets - 1))]++;
                }
            }

            ulong[] source = keys;
            ulong[] destination = other;
            for (int p = 0; p < Passes; p++)
            {
                Span<int> offsets = histogram.Slice(p * Buckets, Buckets);
                int shift = p * Bits;
                if (offsets[(int)((source[0] >> shift) & (Buckets - 1))] == n)
                {
                    continue;
                }

                int total = 0;
                for (int b = 0; b < Buckets; b++)
                {
                    int c = offsets[b];
                    offsets[b] = total;
                    total += c;
                }

                for (int i = 0; i < n; i++)
                {
                    ulong key = source[i];
                    destination[offsets[(int)((key >> shift) & (Buckets - 1))]++] = key;
                }

                (source, destination) = (destination, source);
            }

            for (int i = 0; i < n; i++)
            {
                ulong key = source[i];
                values[i] = BitConverter.UInt64BitsToDouble((key & 0x8000_0000_0000_0000UL) != 0 ? key & 0x7FFF_FFFF_FFFF_FFFFUL : ~key);
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
            ArrayPool<ulong>.Shared.Return(other);
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    private static int UpperBound(ReadOnlySpan<double> sorted, double v)
    {
        int lo = 0;
        int hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (sorted[mid] <= v)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    // The edge must satisfy a <= edge < b so that a bins below b; rounding can put the midpoint on b.
    private static double Midpoint(double a, double b)
    {
        double m = (0.5 * a) + (0.5 * b);
        return m >= a && m < b ? m : a;
    }
}
