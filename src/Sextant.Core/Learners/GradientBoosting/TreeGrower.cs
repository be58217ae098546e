using System.Diagnostics;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sextant.Learners.GradientBoosting;

/// <summary>
/// Grows one regression tree leaf-wise (best gain first) on binned features. Rows stay partitioned per leaf in
/// <see cref="Rows"/>; each splittable leaf owns a pooled histogram of (gradient, hessian, count) per bin, or, when
/// gradients are quantised (<see cref="Quantised"/>), one 64-bit <c>level sum * 2^32 + count</c> per bin. When a leaf
/// splits, only the smaller child's histogram is built from its rows and the larger one is the parent's minus it.
/// With squared error on the same rows and features every round, the root's histogram is carried from round to round
/// (<see cref="CarryRootHistogram"/>) and every leaf keeps its histogram until then.
/// One instance serves every round of a fit, so growing a tree allocates nothing per node.
/// </summary>
/// <remarks>
/// Boosting grows best-first with every tree feature scanned at each split. A random forest grows depth-first (its
/// trees are unbounded, and depth-first keeps only O(depth) histograms alive) and may scan a random subset of the
/// features at each split; leaf values are left to the caller either way.
/// </remarks>
internal sealed class TreeGrower
{
    /// <summary>The smallest hessian sum a child may have (scikit-learn's <c>min_hessian_to_split</c>).</summary>
    internal const double MinChildHessian = 1e-3;

    // Histograms of larger leaves are built in parallel over blocks of this many rows.
    private const int HistogramBlockRows = 32_768;

    // Quantised histograms of leaves with at least this many rows are built in parallel (their sums are integers, so
    // any cut of the rows gives the same histogram).
    private const int PackedParallelRows = 2_048;

    // Quantised gradients use at least this many levels on each side of zero, else the grower keeps double sums.
    private const int MinQuantisationLevels = 256;

    // And at most this many: far below the rounding of the double sums they replace.
    private const int MaxQuantisationLevels = 1 << 20;

    // Leaves of at least this many rows are partitioned in parallel.
    private const int ParallelPartitionRows = 8_192;

    // How many rows ahead histogram building prefetches a row's bins and gradient.
    private const int PrefetchDistance = 16;

    private readonly BinnedFeatures _data;
    private readonly int _maxLeaves;
    private readonly int _maxDepth;
    private readonly int _minSamplesLeaf;
    private readonly double _l2;
    private readonly bool _subtractHistograms;
    private readonly bool _unitHessians;
    private readonly bool _depthFirst;
    private readonly int _smallLeafRows;
    private readonly double _catSmooth = GradientBoostingOptions.DefaultCatSmooth;
    private readonly int _maxCatThreshold = GradientBoostingOptions.DefaultMaxCatThreshold;
    private readonly int _minDataPerGroup = GradientBoostingOptions.DefaultMinDataPerGroup;
    private readonly double _catL2 = GradientBoostingOptions.DefaultCatL2;
    private readonly int _maxCatToOneHot = GradientBoostingOptions.DefaultMaxCatToOneHot;
    private readonly byte[] _sortBins;
    private readonly int[] _sortRows;
    private readonly ParallelOptions _parallel;
    private readonly List<HistogramBin[]> _histograms = [];
    private readonly List<HistogramBin[]> _blockHistograms = [];
    private readonly List<long[]> _packedHistograms = [];
    private readonly List<long[]> _packedBlockHistograms = [];
    private readonly HistogramBin[] _decoded = new HistogramBin[byte.MaxValue + 1];

    private readonly long[] _prefix = new long[byte.MaxValue + 1];
    private readonly double[] _gains = new double[byte.MaxValue + 1];
    private readonly int _quantisationLevels;
    private double _gradientScale;
    private readonly bool _carryRoot;
    private double[] _rootSums = [];
    private long[] _rootCounts = [];
    private bool _rootCarried;
    private readonly Stack<int> _freeSlots = new();
    private readonly Stack<int> _pendingLeaves = new();
    private readonly int[] _rows;
    private readonly int[] _scratch;
    private readonly LeafState[] _leaves;
    private readonly GrowingNode[] _nodes;
    private int _nodeCount;
    private int _leafCount;
    private int[] _features = [];
    private double[] _gradients = [];
    private double[] _hessians = [];
    private int _featuresPerSplit;
    private Random? _splitRandom;
    private int[] _splitOrder = [];

    /// <param name="data">The binned features.</param>
    /// <param name="options">The tree options.</param>
    /// <param name="parallel">The thread limit.</param>
    /// <param name="subtractHistograms">Whether the larger child's histogram is the parent's minus the smaller child's.</param>
    /// <param name="unitHessians">
    /// Whether every hessian is exactly 1 (unweighted losses other than log-loss): histograms then skip the hessian and
    /// use the count, which is the same number.
    /// </param>
    /// <param name="carryRootHistogram">
    /// Whether every tree grows on the same rows and features and each row's gradient moves by exactly its leaf's value
    /// from one round to the next (squared error): the root's histogram is then carried from round to round instead of
    /// being built over every row (see <see cref="CarryRootHistogram"/>); only with quantised gradients.
    /// </param>
    public TreeGrower(BinnedFeatures data, GradientBoostingOptions options, ParallelOptions parallel, bool subtractHistograms, bool unitHessians, bool carryRootHistogram)
        : this(data, options.MaxLeaves, options.MaxDepth ?? int.MaxValue, options.MinSamplesLeaf, options.L2, parallel, subtractHistograms, unitHessians, depthFirst: false, smallLeafRows: 0, options.QuantisedGradients)
    {
        _carryRoot = carryRootHistogram && Quantised;
        _catSmooth = options.CatSmooth;
        _maxCatThreshold = options.MaxCatThreshold;
        _minDataPerGroup = options.MinDataPerGroup;
        _catL2 = options.CatL2;
        _maxCatToOneHot = options.MaxCatToOneHot;
    }

    /// <param name="data">The binned features.</param>
    /// <param name="maxLeaves">The largest number of leaves per tree; at least 1.</param>
    /// <param name="maxDepth">The largest depth of a leaf (<see cref="int.MaxValue"/> for none).</param>
    /// <param name="minSamplesLeaf">The fewest sampled rows a leaf may hold.</param>
    /// <param name="l2">The L2 penalty in the split gains' denominators.</param>
    /// <param name="parallel">The thread limit.</param>
    /// <param name="subtractHistograms">Whether the larger child's histogram is the parent's minus the smaller child's.</param>
    /// <param name="unitHessians">Whether every hessian is exactly 1.</param>
    /// <param name="depthFirst">
    /// Whether to split the most recent splittable leaf first instead of the leaf of largest gain: the same tree when
    /// <paramref name="maxLeaves"/> does not bind, with O(depth) live histograms instead of O(leaves).
    /// </param>
    /// <param name="smallLeafRows">
    /// Leaves of at most this many rows find their split by sorting their rows per feature instead of through a
    /// histogram: the same split, at a cost in rows rather than bins, which is what fully grown trees (mostly small
    /// leaves) need. 0 always uses histograms.
    /// </param>
    /// <param name="quantiseGradients">
    /// Whether to search splits on gradients rounded to integer levels when <paramref name="unitHessians"/> holds (see
    /// <see cref="GradientBoostingOptions.QuantisedGradients"/>); only with histograms for every leaf.
    /// </param>
    public TreeGrower(
        BinnedFeatures data,
        int maxLeaves,
        int maxDepth,
        int minSamplesLeaf,
        double l2,
        ParallelOptions parallel,
        bool subtractHistograms,
        bool unitHessians,
        bool depthFirst,
        int smallLeafRows,
        bool quantiseGradients = false)
    {
        Debug.Assert(maxLeaves >= 1 && minSamplesLeaf >= 1, "The options were validated.");
        _data = data;
        _maxLeaves = maxLeaves;
        _maxDepth = maxDepth;
        _minSamplesLeaf = minSamplesLeaf;
        _l2 = l2;
        _parallel = parallel;
        _subtractHistograms = subtractHistograms;
        _unitHessians = unitHessians;
        _depthFirst = depthFirst;
        _smallLeafRows = smallLeafRows;
        _sortBins = new byte[smallLeafRows];
        _sortRows = new int[smallLeafRows];
        _rows = new int[data.Rows];
        _scratch = new int[data.Rows];

        // With unit hessians a bin needs a gradient sum and a count: both fit one long when the gradients are integers
        // (a leaf's sum stays inside 32 bits when no row exceeds int.MaxValue / rows levels), which halves the memory a
        // histogram update touches and makes parallel sums exact.
        int levels = (int)Math.Min(MaxQuantisationLevels, int.MaxValue / Math.Max(1, data.Rows));
        if (quantiseGradients && unitHessians && smallLeafRows == 0 && levels >= MinQuantisationLevels && data.HasRowValues)
        {
            _quantisationLevels = levels;
        }
        _leaves = new LeafState[_maxLeaves];
        _nodes = new GrowingNode[(2 * _maxLeaves) - 1];
    }

    /// <summary>Gets the nodes of the last tree grown, root first; children always follow their parent.</summary>
    public Span<GrowingNode> Nodes => _nodes.AsSpan(0, _nodeCount);

    /// <summary>Gets the sampled rows of the last tree, partitioned so that each leaf's rows are contiguous.</summary>
    public ReadOnlySpan<int> Rows => _rows;

    /// <summary>
    /// Writes the index of its leaf (in node order, at most 256 leaves) at every sampled row of <paramref name="leafOf"/>
    /// and returns the number of leaves. Threads take disjoint halves of the row numbers, found in each leaf's ascending
    /// rows by binary search, so no two threads write the same cache line but at the boundary.
    /// </summary>
    public int TagLeaves(byte[] leafOf)
    {
        Span<int> starts = stackalloc int[byte.MaxValue + 1];
        Span<int> counts = stackalloc int[byte.MaxValue + 1];
        int leaves = 0;
        for (int i = 0; i < _nodeCount; i++)
        {
            if (_nodes[i].IsLeaf)
            {
                starts[leaves] = _nodes[i].Start;
                counts[leaves] = _nodes[i].Count;
                leaves++;
            }
        }

        int[] leafStarts = starts[..leaves].ToArray();
        int[] leafCounts = counts[..leaves].ToArray();
        int rows = _data.Rows;
        int parts = Math.Min(Threads, Math.Max(1, _nodes[0].Count / ParallelPartitionRows));
        Parallel.For(0, parts, _parallel, part =>
        {
            int low = (int)((long)rows * part / parts);
            int high = (int)((long)rows * (part + 1) / parts);
            for (int leaf = 0; leaf < leafStarts.Length; leaf++)
            {
                ReadOnlySpan<int> leafRows = _rows.AsSpan(leafStarts[leaf], leafCounts[leaf]);
                int from = LowerBound(leafRows, low);
                int to = LowerBound(leafRows, high);
                foreach (int row in leafRows[from..to])
                {
                    leafOf[row] = (byte)leaf;
                }
            }
        });

        return leaves;

        static int LowerBound(ReadOnlySpan<int> sorted, int value)
        {
            int index = sorted.BinarySearch(value);
            return index >= 0 ? index : ~index;
        }
    }

    /// <summary>
    /// Gets whether splits are searched on gradients rounded to integer levels (unit hessians only): the nodes' gradient
    /// sums and gains are then those of the rounded gradients, and leaf values should be computed from the exact ones.
    /// </summary>
    public bool Quantised => _quantisationLevels > 0;

    /// <summary>
    /// Rounds the gradients to integers in <c>[-levels, levels]</c> (<c>levels</c> = <see cref="_quantisationLevels"/>,
    /// a step of <c>max |g| / levels</c>, to nearest, ties to even) and packs each as <c>level * 2^32 + 1</c>, so that
    /// one 64-bit add counts the row and sums its gradient.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Quantise()
    {
        // Over every row (those outside the sample are never read): contiguous, so both passes are vectorised.
        double largest = Math.Abs(TensorPrimitives.MaxMagnitude<double>(_gradients));
        double scale = largest > 0 ? largest / _quantisationLevels : 1;
        double inverse = 1 / scale;
        _gradientScale = scale;
        ReadOnlySpan<double> gradients = _gradients;
        ref long value = ref PackedValue(0);
        int stride = _data.RowStride / sizeof(long);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // Rounded eight at a time, stored into their records one by one.
            var inverses = Vector512.Create(inverse);
            var one = Vector512<long>.One;
            ref double source = ref MemoryMarshal.GetReference(gradients);
            for (; i + Vector512<double>.Count <= gradients.Length; i += Vector512<double>.Count)
            {
                Vector512<long> level = Vector512.ConvertToInt64(Vector512.Round(Vector512.LoadUnsafe(ref source, (nuint)i) * inverses));
                Vector512<long> packed = Vector512.ShiftLeft(level, 32) + one;
                ref long first = ref Unsafe.Add(ref value, (nint)i * stride);
                first = packed.GetElement(0);
                Unsafe.Add(ref first, stride) = packed.GetElement(1);
                Unsafe.Add(ref first, 2 * stride) = packed.GetElement(2);
                Unsafe.Add(ref first, 3 * stride) = packed.GetElement(3);
                Unsafe.Add(ref first, 4 * stride) = packed.GetElement(4);
                Unsafe.Add(ref first, 5 * stride) = packed.GetElement(5);
                Unsafe.Add(ref first, 6 * stride) = packed.GetElement(6);
                Unsafe.Add(ref first, 7 * stride) = packed.GetElement(7);
            }
        }

        for (; i < gradients.Length; i++)
        {
            Unsafe.Add(ref value, (nint)i * stride) = ((long)Math.Round(gradients[i] * inverse) << 32) + 1;
        }
    }

    /// <summary>
    /// The packed gradient of <paramref name="row"/>: the last 8 bytes of its record in the row-major bins (see
    /// <see cref="BinnedFeatures.HasRowValues"/>), next to its bins, so a histogram reading scattered rows misses once a row.
    /// </summary>
    private ref long PackedValue(int row) =>
        ref Unsafe.As<byte, long>(ref Unsafe.Add(
            ref MemoryMarshal.GetArrayDataReference(_data.RowMajorBins),
            _data.RowStart + ((nint)row * _data.RowStride) + _data.RowStride - sizeof(long)));

    /// <summary>
    /// The root's gradient sum in rounded units: read off its histogram (any one feature's bins add up to it), or
    /// summed over the sample when the root has none.
    /// </summary>
    private double RoundedGradientSum(int slot, int count)
    {
        long total = 0;
        if (slot >= 0)
        {
            int f = _features[0];
            foreach (long bin in _packedHistograms[slot].AsSpan(_data.HistogramOffsets[f], _data.BinCounts[f] + 1))
            {
                total += bin;
            }
        }
        else
        {
            foreach (int row in _rows.AsSpan(0, count))
            {
                total += PackedValue(row);
            }
        }

        Debug.Assert((int)(uint)total == count, "Every sampled row is counted once.");
        return ((total - count) >> 32) * _gradientScale;
    }

    private int Threads => _parallel.MaxDegreeOfParallelism > 0 ? _parallel.MaxDegreeOfParallelism : Environment.ProcessorCount;

    /// <summary>Grows a tree on the given rows and features; the leaves' values are left for the caller to set.</summary>
    /// <param name="gradients">The gradient of every row of the data.</param>
    /// <param name="hessians">The hessian of every row of the data.</param>
    /// <param name="sampleRows">The rows to grow on, ascending.</param>
    /// <param name="features">The features that may be split on, ascending.</param>
    public void Grow(double[] gradients, double[] hessians, ReadOnlySpan<int> sampleRows, int[] features) =>
        Grow(gradients, hessians, sampleRows, features, 0, null);

    /// <summary>
    /// Grows a tree as <see cref="Grow(double[], double[], ReadOnlySpan{int}, int[])"/> does, but each split considers
    /// only <paramref name="featuresPerSplit"/> of <paramref name="features"/>, drawn without replacement from
    /// <paramref name="random"/>; as in scikit-learn, features constant in the leaf do not count towards that number.
    /// </summary>
    /// <param name="gradients">The gradient of every row of the data.</param>
    /// <param name="hessians">The hessian (row weight for squared error) of every row of the data.</param>
    /// <param name="sampleRows">The rows to grow on, ascending.</param>
    /// <param name="features">The features histograms are built for, ascending.</param>
    /// <param name="featuresPerSplit">How many features each split scans; 0 or at least <c>features.Length</c> for all.</param>
    /// <param name="random">The tree's random source; required when fewer than all features are scanned.</param>
    public void Grow(double[] gradients, double[] hessians, ReadOnlySpan<int> sampleRows, int[] features, int featuresPerSplit, Random? random)
    {
        _featuresPerSplit = featuresPerSplit > 0 && featuresPerSplit < features.Length ? featuresPerSplit : 0;
        Debug.Assert(_featuresPerSplit == 0 || random is not null, "Drawing features per split needs a random source.");
        _splitRandom = random;
        if (_featuresPerSplit > 0 && _splitOrder.Length != features.Length)
        {
            _splitOrder = new int[features.Length];
        }

        _pendingLeaves.Clear();
        _gradients = gradients;
        _hessians = hessians;
        _features = features;
        _nodeCount = 0;
        _leafCount = 0;

        int n = sampleRows.Length;
        sampleRows.CopyTo(_rows);
        double g = 0;
        double h = 0;
        if (Quantised)
        {
            Quantise();
            h = n;
        }
        else
        {
            for (int k = 0; k < n; k++)
            {
                int row = _rows[k];
                g += gradients[row];
                h += _unitHessians ? 1 : hessians[row];
            }
        }

        int root = NewNode(0, n, g, h);
        int slot = -1;
        bool splits = CanSplit(n, 0);
        if ((splits || _carryRoot) && n > _smallLeafRows)
        {
            slot = RentSlot();
            if (_rootCarried)
            {
                WriteCarriedRoot(slot);
            }
            else
            {
                BuildHistogram(slot, root);
                if (_carryRoot)
                {
                    StartRootSums(slot, n);
                }
            }
        }

        if (Quantised)
        {
            // In rounded units, as every sum the split search compares it with.
            _nodes[root].SumGradient = RoundedGradientSum(slot, n);
        }

        _leaves[_leafCount++] = NewLeaf(root, 0, slot, splits);
        Pend(0);

        while (_leafCount < _maxLeaves)
        {
            int best = _depthFirst ? NextPending() : BestLeaf();
            if (best < 0)
            {
                break;
            }

            Split(best);
        }

        if (!_carryRoot)
        {
            for (int i = 0; i < _leafCount; i++)
            {
                Release(_leaves[i].HistogramSlot);
            }
        }
    }

    /// <summary>
    /// With <c>carryRootHistogram</c>, call once the leaves' values are set (<see cref="GrowingNode.Value"/>, the step
    /// added to each of their rows' scores): every row's gradient moves by its leaf's value, so each bin's exact
    /// gradient sum over the root's rows moves by the sum over leaves of value x the leaf's rows in that bin, which the
    /// leaves' histograms count. The next tree's root histogram is then written from these sums (rounded once per bin
    /// at that round's scale) instead of built from every row, the most expensive histogram of a round.
    /// </summary>
    public void CarryRootHistogram()
    {
        if (!_carryRoot)
        {
            return;
        }

        Span<double> sums = _rootSums;
        for (int i = 0; i < _leafCount; i++)
        {
            int slot = _leaves[i].HistogramSlot;
            Debug.Assert(slot >= 0, "Every leaf keeps its histogram when the root is carried.");
            double value = _nodes[_leaves[i].Node].Value;
            ReadOnlySpan<long> histogram = _packedHistograms[slot];
            int k = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                // Eight counts (the low words) at a time; a multiply and an add, as the scalar tail rounds them.
                var values = Vector512.Create(value);
                var low = Vector512.Create(0xFFFF_FFFFL);
                for (; k + Vector512<long>.Count <= sums.Length; k += Vector512<long>.Count)
                {
                    Vector512<double> counts = Vector512.ConvertToDouble(Vector512.Create(histogram.Slice(k, Vector512<long>.Count)) & low);
                    (Vector512.Create(sums.Slice(k, Vector512<double>.Count)) + (values * counts)).CopyTo(sums.Slice(k));
                }
            }

            for (; k < sums.Length; k++)
            {
                sums[k] += value * (uint)histogram[k];
            }

            Release(slot);
        }

        _rootCarried = true;
    }

    /// <summary>The exact gradient sum and row count of every bin over the root's rows, from this round's gradients.</summary>
    private void StartRootSums(int slot, int count)
    {
        _rootSums = new double[_data.TotalBins];
        _rootCounts = new long[_data.TotalBins];
        long[] histogram = _packedHistograms[slot];
        for (int k = 0; k < histogram.Length; k++)
        {
            _rootCounts[k] = (uint)histogram[k];
        }

        // A column at a time, rows in order: the same sums whatever the thread count.
        Parallel.For(0, _data.Features, _parallel, f =>
        {
            Span<double> sums = _rootSums.AsSpan(_data.HistogramOffsets[f], _data.BinCounts[f] + 1);
            byte[] bins = _data.Bins[f];
            foreach (int row in _rows.AsSpan(0, count))
            {
                sums[bins[row]] += _gradients[row];
            }
        });
    }

    /// <summary>The root's quantised histogram from the carried sums: each bin's exact sum rounded once at this round's scale.</summary>
    private void WriteCarriedRoot(int slot)
    {
        double inverse = 1 / _gradientScale;
        Span<long> histogram = _packedHistograms[slot];
        for (int k = 0; k < histogram.Length; k++)
        {
            histogram[k] = ((long)Math.Round(_rootSums[k] * inverse) << 32) + _rootCounts[k];
        }
    }

    private int BestLeaf()
    {
        int best = -1;
        double bestGain = 0;
        for (int i = 0; i < _leafCount; i++)
        {
            ref readonly SplitCandidate candidate = ref _leaves[i].Best;
            if (candidate.IsValid && candidate.Gain > bestGain)
            {
                best = i;
                bestGain = candidate.Gain;
            }
        }

        return best;
    }

    private void Pend(int leafIndex)
    {
        if (_depthFirst && _leaves[leafIndex].Best.IsValid)
        {
            _pendingLeaves.Push(leafIndex);
        }
    }

    private int NextPending() => _pendingLeaves.Count > 0 ? _pendingLeaves.Pop() : -1;

    private bool CanSplit(int count, int depth) => depth < _maxDepth && count >= 2 * _minSamplesLeaf;

    private int NewNode(int start, int count, double sumGradient, double sumHessian)
    {
        int index = _nodeCount++;
        _nodes[index] = new GrowingNode
        {
            Feature = -1,
            Start = start,
            Count = count,
            SumGradient = sumGradient,
            SumHessian = sumHessian,
        };
        return index;
    }

    private LeafState NewLeaf(int node, int depth, int slot, bool splits)
    {
        Debug.Assert(slot < 0 || splits || _carryRoot, "Only leaves that may split hold a histogram (all do when the root is carried).");
        SplitCandidate best = splits ? FindBestSplit(slot, node) : SplitCandidate.None;
        if (slot >= 0 && !best.IsValid && !_carryRoot)
        {
            // A leaf without a valid split is never split, so its histogram is free now (unbounded trees hold few).
            Release(slot);
            slot = -1;
        }

        return new LeafState { Node = node, Depth = depth, HistogramSlot = slot, Best = best };
    }

    private void Split(int leafIndex)
    {
        LeafState leaf = _leaves[leafIndex];
        SplitCandidate split = leaf.Best;
        int parent = leaf.Node;
        int start = _nodes[parent].Start;
        int count = _nodes[parent].Count;

        int leftCount = Partition(start, count, split);
        Debug.Assert(leftCount == split.LeftCount, "The partition must agree with the histogram counts.");
        int rightCount = count - leftCount;
        int left = NewNode(start, leftCount, split.LeftGradient, split.LeftHessian);
        int right = NewNode(start + leftCount, rightCount, split.RightGradient, split.RightHessian);

        ref GrowingNode p = ref _nodes[parent];
        p.Feature = split.Feature;
        p.Bin = split.Bin;
        p.DefaultLeft = split.DefaultLeft;
        p.Categorical = split.Categorical;
        p.LeftBins = split.LeftBins;
        p.Left = left;
        p.Right = right;
        p.Gain = split.Gain;

        int depth = leaf.Depth + 1;
        _leafCount++;
        bool more = _leafCount < _maxLeaves;
        bool leftSplits = more && CanSplit(leftCount, depth);
        bool rightSplits = more && CanSplit(rightCount, depth);
        bool leftHistogram = (leftSplits || _carryRoot) && leftCount > _smallLeafRows;
        bool rightHistogram = (rightSplits || _carryRoot) && rightCount > _smallLeafRows;
        int parentSlot = leaf.HistogramSlot;
        int leftSlot = -1;
        int rightSlot = -1;
        if (_subtractHistograms)
        {
            bool leftSmaller = leftCount <= rightCount;
            int small = leftSmaller ? left : right;
            bool smallSplits = leftSmaller ? leftHistogram : rightHistogram;
            bool largeSplits = leftSmaller ? rightHistogram : leftHistogram;
            int smallSlot = -1;
            int largeSlot = -1;
            if (largeSplits)
            {
                smallSlot = RentSlot();
                BuildHistogram(smallSlot, small);
                Subtract(parentSlot, smallSlot);
                largeSlot = parentSlot;
                if (!smallSplits)
                {
                    Release(smallSlot);
                    smallSlot = -1;
                }
            }
            else if (smallSplits)
            {
                smallSlot = parentSlot;
                BuildHistogram(smallSlot, small);
            }
            else
            {
                Release(parentSlot);
            }

            leftSlot = leftSmaller ? smallSlot : largeSlot;
            rightSlot = leftSmaller ? largeSlot : smallSlot;
        }
        else
        {
            Release(parentSlot);
            if (leftHistogram)
            {
                leftSlot = RentSlot();
                BuildHistogram(leftSlot, left);
            }

            if (rightHistogram)
            {
                rightSlot = RentSlot();
                BuildHistogram(rightSlot, right);
            }
        }

        _leaves[leafIndex] = NewLeaf(left, depth, leftSlot, leftSplits);
        _leaves[_leafCount - 1] = NewLeaf(right, depth, rightSlot, rightSplits);

        // Depth-first: the left child is split next, then its subtree, then the right child.
        Pend(_leafCount - 1);
        Pend(leafIndex);
    }

    /// <summary>
    /// Stable partition of a leaf's rows: left rows first. Returns how many went left. Leaves of
    /// <see cref="ParallelPartitionRows"/> rows or more are cut into one block per thread, each partitioned apart, then
    /// the blocks' left rows and right rows are laid end to end (the same order as one pass).
    /// </summary>
    private int Partition(int start, int count, SplitCandidate split)
    {
        int blocks = Math.Min(Threads, count / ParallelPartitionRows);
        if (blocks <= 1)
        {
            return PartitionRange(start, count, start, split);
        }

        int blockRows = (count + blocks - 1) / blocks;
        var lefts = new int[blocks];
        Parallel.For(0, blocks, _parallel, b =>
        {
            int blockStart = start + (b * blockRows);
            lefts[b] = PartitionRange(blockStart, Math.Min(blockRows, start + count - blockStart), start, split);
        });

        // Each block's left rows are at its start in _rows, its right rows at its offset in _scratch.
        int left = lefts[0];
        for (int b = 1; b < blocks; b++)
        {
            _rows.AsSpan(start + (b * blockRows), lefts[b]).CopyTo(_rows.AsSpan(start + left));
            left += lefts[b];
        }

        int destination = start + left;
        for (int b = 0; b < blocks; b++)
        {
            int blockStart = b * blockRows;
            int rights = Math.Min(blockRows, count - blockStart) - lefts[b];
            _scratch.AsSpan(blockStart, rights).CopyTo(_rows.AsSpan(destination));
            destination += rights;
        }

        return left;
    }

    /// <summary>
    /// Partitions <c>Rows[start..start+count]</c>: left rows to the front of that range, right rows to <c>_scratch</c>
    /// from offset <c>start - origin</c>; a whole leaf (<paramref name="origin"/> = <paramref name="start"/>) then gets
    /// its right rows back after the left ones. Returns how many went left.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int PartitionRange(int start, int count, int origin, in SplitCandidate split)
    {
        // Where each bin goes, looked up: numeric, categorical and missing-value rules alike cost one load per row.
        Span<byte> goesLeft = stackalloc byte[byte.MaxValue + 1];
        int missing = _data.BinCounts[split.Feature];
        for (int bin = 0; bin <= missing; bin++)
        {
            goesLeft[bin] = (byte)(bin == missing ? (split.DefaultLeft ? 1 : 0)
                : split.Categorical ? (split.LeftBins.Contains(bin) ? 1 : 0)
                : bin <= split.Bin ? 1 : 0);
        }

        byte[] column = _data.Bins[split.Feature];
        ref byte bins = ref MemoryMarshal.GetArrayDataReference(column);
        ref byte table = ref MemoryMarshal.GetReference(goesLeft);
        Span<int> rows = _rows.AsSpan(start, count);
        Span<int> right = _scratch.AsSpan(start - origin, count);
        int l = 0;
        int r = 0;
        int k = 0;
        if (Avx512F.VL.IsSupported)
        {
            k = PartitionEights(column, goesLeft, rows, right, out l, out r);
        }

        for (; k < rows.Length; k++)
        {
            int row = rows[k];
            int left = Unsafe.Add(ref table, Unsafe.Add(ref bins, row));

            // Written to both sides and kept on one: the direction is data-dependent, so a branch would mispredict.
            rows[l] = row;
            right[r] = row;
            l += left;
            r += 1 - left;
        }

        if (start == origin)
        {
            right[..r].CopyTo(rows[l..]);
        }

        return l;
    }

    /// <summary>
    /// The vectorised head of <see cref="PartitionRange"/>: eight rows at a time, their directions looked up one by one
    /// into a bit mask, then the rows of each side compressed to the front of a vector and stored whole (the next eight
    /// overwrite what lies past the kept ones). Stores stay behind the rows already read (<c>l, r &lt;= k</c>). Returns
    /// how many rows were partitioned; the caller's scalar loop does the rest.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe int PartitionEights(byte[] column, ReadOnlySpan<byte> goesLeft, Span<int> rows, Span<int> right, out int l, out int r)
    {
        l = 0;
        r = 0;
        int k = 0;
        var bits = Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128);
        fixed (byte* bins = column)
        fixed (byte* table = goesLeft)
        fixed (int* source = rows)
        fixed (int* rights = right)
        {
            for (; k + Vector256<int>.Count <= rows.Length; k += Vector256<int>.Count)
            {
                int* eight = source + k;
                int mask = table[bins[eight[0]]] | (table[bins[eight[1]]] << 1) | (table[bins[eight[2]]] << 2)
                    | (table[bins[eight[3]]] << 3) | (table[bins[eight[4]]] << 4) | (table[bins[eight[5]]] << 5)
                    | (table[bins[eight[6]]] << 6) | (table[bins[eight[7]]] << 7);
                Vector256<int> index = Vector256.Load(eight);
                Vector256<int> left = Vector256.Equals(Vector256.Create(mask) & bits, bits);
                Avx512F.VL.Compress(index, left, index).Store(source + l);
                Avx512F.VL.Compress(index, ~left, index).Store(rights + r);
                int lefts = BitOperations.PopCount((uint)mask);
                l += lefts;
                r += Vector256<int>.Count - lefts;
            }
        }

        return k;
    }

    private int RentSlot()
    {
        if (_freeSlots.Count > 0)
        {
            return _freeSlots.Pop();
        }

        if (Quantised)
        {
            _packedHistograms.Add(new long[_data.TotalBins]);
            return _packedHistograms.Count - 1;
        }

        _histograms.Add(new HistogramBin[_data.TotalBins]);
        return _histograms.Count - 1;
    }

    private void Release(int slot)
    {
        if (slot >= 0)
        {
            _freeSlots.Push(slot);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BuildHistogram(int slot, int node)
    {
        if (Quantised)
        {
            BuildPackedHistogram(slot, node);
            return;
        }

        HistogramBin[] histogram = _histograms[slot];
        int start = _nodes[node].Start;
        int count = _nodes[node].Count;

        // Rows are cut into blocks of a fixed size, each summed into its own histogram and the blocks then added in
        // order: the sums, and so the model, do not depend on how many threads ran the blocks.
        int blocks = (count + HistogramBlockRows - 1) / HistogramBlockRows;
        if (blocks <= 1)
        {
            ClearSelected(histogram);
            AccumulateRows(histogram, start, count, _features);
            return;
        }

        while (_blockHistograms.Count < blocks)
        {
            _blockHistograms.Add(new HistogramBin[_data.TotalBins]);
        }

        Parallel.For(0, blocks, _parallel, b =>
        {
            HistogramBin[] partial = _blockHistograms[b];
            ClearSelected(partial);
            int blockStart = start + (b * HistogramBlockRows);
            AccumulateRows(partial, blockStart, Math.Min(HistogramBlockRows, start + count - blockStart), _features);
        });

        int[] features = _features;
        Parallel.For(0, features.Length, _parallel, j =>
        {
            int f = features[j];
            int offset = _data.HistogramOffsets[f];
            int length = _data.BinCounts[f] + 1;
            Span<HistogramBin> destination = histogram.AsSpan(offset, length);
            _blockHistograms[0].AsSpan(offset, length).CopyTo(destination);
            for (int b = 1; b < blocks; b++)
            {
                ReadOnlySpan<HistogramBin> partial = _blockHistograms[b].AsSpan(offset, length);
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i].Gradient += partial[i].Gradient;
                    destination[i].Hessian += partial[i].Hessian;
                    destination[i].Count += partial[i].Count;
                }
            }
        });
    }

    /// <summary>Clears the bins of the tree's features in a histogram of either form.</summary>
    private void ClearSelected<T>(T[] histogram)
        where T : struct
    {
        if (_features.Length == _data.Features)
        {
            Array.Clear(histogram);
            return;
        }

        foreach (int f in _features)
        {
            histogram.AsSpan(_data.HistogramOffsets[f], _data.BinCounts[f] + 1).Clear();
        }
    }

    /// <summary>Adds the rows <c>Rows[start..start+count]</c> to the bins of <paramref name="features"/>, a row at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AccumulateRows(HistogramBin[] histogram, int start, int count, ReadOnlySpan<int> features)
    {
        int columns = _data.Features;
        ReadOnlySpan<int> offsets = _data.HistogramOffsets;
        ref HistogramBin bins = ref MemoryMarshal.GetArrayDataReference(histogram);
        ref byte rowBins = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_data.RowMajorBins), _data.RowStart);
        int stride = _data.RowStride;
        ref int rows = ref MemoryMarshal.GetArrayDataReference(_rows);
        ref double gradients = ref MemoryMarshal.GetArrayDataReference(_gradients);
        ref double hessians = ref MemoryMarshal.GetArrayDataReference(_hessians);
        Debug.Assert(offsets.Length == columns && start + count <= _rows.Length, "Indices stay inside the arrays.");
        int end = start + count;

        // A leaf's rows are ascending but sparse, which hardware prefetchers do not follow: each row fetches the bins,
        // gradient and hessian of the row PrefetchDistance ahead (at 1M rows this took log-loss histograms 9 -> 2.3 s).
        int prefetchEnd = Sse.IsSupported ? end - PrefetchDistance : start;
        for (int k = start; k < end; k++)
        {
            if (k < prefetchEnd)
            {
                int ahead = Unsafe.Add(ref rows, k + PrefetchDistance);
                Prefetch(ref Unsafe.Add(ref rowBins, (nint)ahead * stride));
                Prefetch(ref Unsafe.As<double, byte>(ref Unsafe.Add(ref gradients, ahead)));
                if (!_unitHessians)
                {
                    Prefetch(ref Unsafe.As<double, byte>(ref Unsafe.Add(ref hessians, ahead)));
                }
            }

            int row = Unsafe.Add(ref rows, k);
            double g = Unsafe.Add(ref gradients, row);
            ref byte binsOfRow = ref Unsafe.Add(ref rowBins, (nint)row * stride);

            // With unit hessians the hessian array is never filled: each row weighs 1 (the scans read the count then).
            double h = _unitHessians ? 1 : Unsafe.Add(ref hessians, row);
            foreach (int f in features)
            {
                ref HistogramBin bin = ref Unsafe.Add(ref bins, offsets[f] + Unsafe.Add(ref binsOfRow, f));
                bin.Gradient += g;
                bin.Hessian += h;
                bin.Count++;
            }
        }
    }

    /// <summary>
    /// Builds a quantised histogram: one long per bin (<c>level sum * 2^32 + count</c>). Leaves of
    /// <see cref="PackedParallelRows"/> rows or more are cut into one block per thread, summed apart and added up.
    /// </summary>
    private void BuildPackedHistogram(int slot, int node)
    {
        long[] histogram = _packedHistograms[slot];
        int start = _nodes[node].Start;
        int count = _nodes[node].Count;
        int blocks = Math.Min(Threads, count / PackedParallelRows);
        if (blocks <= 1)
        {
            ClearSelected(histogram);
            AccumulatePacked(histogram, start, count, prefetch: node != 0);
            return;
        }

        while (_packedBlockHistograms.Count < blocks - 1)
        {
            _packedBlockHistograms.Add(new long[_data.TotalBins]);
        }

        int blockRows = (count + blocks - 1) / blocks;
        Parallel.For(0, blocks, _parallel, b =>
        {
            long[] partial = b == 0 ? histogram : _packedBlockHistograms[b - 1];
            ClearSelected(partial);
            int blockStart = start + (b * blockRows);
            AccumulatePacked(partial, blockStart, Math.Min(blockRows, start + count - blockStart), prefetch: node != 0);
        });

        for (int b = 1; b < blocks; b++)
        {
            AddSelected(histogram, _packedBlockHistograms[b - 1], subtract: false);
        }
    }

    /// <summary>Adds (or subtracts) <paramref name="other"/> into <paramref name="histogram"/> over the tree's features.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddSelected(long[] histogram, long[] other, bool subtract)
    {
        if (_features.Length == _data.Features)
        {
            AddSpan(histogram, other, subtract);
            return;
        }

        foreach (int f in _features)
        {
            int offset = _data.HistogramOffsets[f];
            int length = _data.BinCounts[f] + 1;
            AddSpan(histogram.AsSpan(offset, length), other.AsSpan(offset, length), subtract);
        }

        static void AddSpan(Span<long> destination, ReadOnlySpan<long> source, bool subtract)
        {
            if (subtract)
            {
                TensorPrimitives.Subtract(destination, source, destination);
            }
            else
            {
                TensorPrimitives.Add(destination, source, destination);
            }
        }
    }

    /// <summary>Adds the packed gradients of the rows <c>Rows[start..start+count]</c> to the bins of the tree's features.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AccumulatePacked(long[] histogram, int start, int count, bool prefetch)
    {
        int columns = _data.Features;
        ReadOnlySpan<int> features = _features;
        ref long bins = ref MemoryMarshal.GetArrayDataReference(histogram);
        ref int offsets = ref MemoryMarshal.GetArrayDataReference(_data.HistogramOffsets);
        ref byte records = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_data.RowMajorBins), _data.RowStart);
        ref int rows = ref MemoryMarshal.GetArrayDataReference(_rows);
        int stride = _data.RowStride;
        int valueOffset = stride - sizeof(long);
        Debug.Assert(start + count <= _rows.Length && histogram.Length == _data.TotalBins, "Indices stay inside the arrays.");
        if (features.Length == columns)
        {
            int end = start + count;
            int prefetchEnd = Sse.IsSupported && prefetch ? end - PrefetchDistance : start;
            int k = start;
            for (; k < prefetchEnd; k++)
            {
                // A leaf's rows are ascending but sparse, which hardware prefetchers do not follow: fetch ahead.
                Prefetch(ref Unsafe.Add(ref records, (nint)Unsafe.Add(ref rows, k + PrefetchDistance) * stride));
                ref byte record = ref Unsafe.Add(ref records, (nint)Unsafe.Add(ref rows, k) * stride);
                AddRow(ref bins, ref offsets, ref record, columns, Unsafe.As<byte, long>(ref Unsafe.Add(ref record, valueOffset)));
            }

            for (; k < end; k++)
            {
                ref byte record = ref Unsafe.Add(ref records, (nint)Unsafe.Add(ref rows, k) * stride);
                AddRow(ref bins, ref offsets, ref record, columns, Unsafe.As<byte, long>(ref Unsafe.Add(ref record, valueOffset)));
            }

            return;
        }

        for (int k = start; k < start + count; k++)
        {
            ref byte binsOfRow = ref Unsafe.Add(ref records, (nint)Unsafe.Add(ref rows, k) * stride);
            long value = Unsafe.As<byte, long>(ref Unsafe.Add(ref binsOfRow, valueOffset));
            foreach (int f in features)
            {
                Unsafe.Add(ref bins, Unsafe.Add(ref offsets, f) + Unsafe.Add(ref binsOfRow, f)) += value;
            }
        }
    }

    /// <summary>
    /// Adds one row's packed gradient to its bin of every feature, reading the row's bins eight at a time: each feature
    /// then costs a shift, a mask and one add to memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(ref long bins, ref int offsets, ref byte binsOfRow, int columns, long value)
    {
        int f = 0;
        for (; f + 8 <= columns; f += 8)
        {
            ulong eight = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref binsOfRow, f));
            ref int offset = ref Unsafe.Add(ref offsets, f);
            Unsafe.Add(ref bins, offset + (int)(eight & 0xFF)) += value;
            Unsafe.Add(ref bins, Unsafe.Add(ref offset, 1) + (int)((eight >> 8) & 0xFF)) += value;
            Unsafe.Add(ref bins, Unsafe.Add(ref offset, 2) + (int)((eight >> 16) & 0xFF)) += value;
            Unsafe.Add(ref bins, Unsafe.Add(ref offset, 3) + (int)((eight >> 24) & 0xFF)) += value;
            Unsafe.Add(ref bins, Unsafe.Add(ref offset, 4) + (int)((eight >> 32) & 0xFF)) += value;
            Unsafe.Add(ref bins, Unsafe.Add(ref offset, 5) + (int)((eight >> 40) & 0xFF)) += value;
            Unsafe.Add(ref bins, Unsafe.Add(ref offset, 6) + (int)((eight >> 48) & 0xFF)) += value;
            Unsafe.Add(ref bins, Unsafe.Add(ref offset, 7) + (int)(eight >> 56)) += value;
        }

        for (; f < columns; f++)
        {
            Unsafe.Add(ref bins, Unsafe.Add(ref offsets, f) + Unsafe.Add(ref binsOfRow, f)) += value;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch(ref byte address) => Sse.Prefetch0(Unsafe.AsPointer(ref address));

    /// <summary>Turns the parent's histogram into the larger child's by subtracting the smaller child's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Subtract(int parentSlot, int childSlot)
    {
        if (Quantised)
        {
            AddSelected(_packedHistograms[parentSlot], _packedHistograms[childSlot], subtract: true);
            return;
        }

        HistogramBin[] parent = _histograms[parentSlot];
        HistogramBin[] child = _histograms[childSlot];
        foreach (int f in _features)
        {
            int offset = _data.HistogramOffsets[f];
            int length = _data.BinCounts[f] + 1;
            Span<HistogramBin> p = parent.AsSpan(offset, length);
            ReadOnlySpan<HistogramBin> c = child.AsSpan(offset, length);
            for (int b = 0; b < p.Length; b++)
            {
                p[b].Gradient -= c[b].Gradient;
                p[b].Hessian -= c[b].Hessian;
                p[b].Count -= c[b].Count;
            }
        }
    }

    /// <summary>
    /// The best split of a leaf: from its histogram, or (<paramref name="slot"/> -1, small leaves) from its rows
    /// sorted by bin; over every feature, or over features drawn at random per split.
    /// </summary>
    private SplitCandidate FindBestSplit(int slot, int node)
    {
        GrowingNode n = _nodes[node];
        double parentScore = n.SumGradient * n.SumGradient / (n.SumHessian + _l2);
        SplitCandidate best = SplitCandidate.None;
        if (_featuresPerSplit > 0)
        {
            ScanRandomFeatures(slot, n, parentScore, ref best);
            return best;
        }

        foreach (int f in _features)
        {
            if (slot < 0)
            {
                ScanFeatureByRows(f, n, parentScore, ref best);
            }
            else if (Quantised)
            {
                ScanPackedFeature(slot, f, n, parentScore, ref best);
            }
            else
            {
                ScanFeature(FeatureBins(slot, f), f, n, parentScore, ref best);
            }
        }

        return best;
    }

    /// <summary>
    /// <see cref="ScanFeature"/> on a quantised histogram. A numeric feature without missing values in the leaf (the
    /// common case) is scanned on prefix sums of the packed bins (a prefix of packed sums is the packed prefix sum),
    /// every split point's gain computed eight at a time; the first best point wins, as in the scalar scan.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScanPackedFeature(int slot, int feature, in GrowingNode node, double parentScore, ref SplitCandidate best)
    {
        int valueBins = _data.BinCounts[feature];
        ReadOnlySpan<long> packed = _packedHistograms[slot].AsSpan(_data.HistogramOffsets[feature], valueBins + 1);
        if (packed[valueBins] != 0 || _data.IsCategorical(feature))
        {
            ScanFeature(FeatureBins(slot, feature), feature, node, parentScore, ref best);
            return;
        }

        // Split after bin b for b < valueBins - 1 (after the last bin every row would go left).
        int points = valueBins - 1;
        Span<long> prefix = _prefix.AsSpan(0, points);
        Span<double> gains = _gains.AsSpan(0, points);
        long running = 0;
        for (int b = 0; b < points; b++)
        {
            running += packed[b];
            prefix[b] = running;
        }

        double scale = _gradientScale;
        double l2 = _l2;
        double sumGradient = node.SumGradient;
        double count = node.Count;
        double minLeaf = _minSamplesLeaf;
        int k = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var lowMask = Vector512.Create(0xFFFF_FFFFL);
            var scales = Vector512.Create(scale);
            var l2s = Vector512.Create(l2);
            var totals = Vector512.Create(count);
            var sums = Vector512.Create(sumGradient);
            var parents = Vector512.Create(parentScore);
            var minLeaves = Vector512.Create(minLeaf);
            var none = Vector512.Create(double.NegativeInfinity);
            ref long prefixStart = ref MemoryMarshal.GetReference(prefix);
            ref double gainStart = ref MemoryMarshal.GetReference(gains);
            for (; k + Vector512<long>.Count <= points; k += Vector512<long>.Count)
            {
                Vector512<long> p = Vector512.LoadUnsafe(ref prefixStart, (nuint)k);
                Vector512<long> leftCounts = p & lowMask;
                Vector512<double> left = Vector512.ConvertToDouble(leftCounts);
                Vector512<double> leftGradient = Vector512.ConvertToDouble(Vector512.ShiftRightArithmetic(p - leftCounts, 32)) * scales;
                Vector512<double> right = totals - left;
                Vector512<double> rightGradient = sums - leftGradient;
                Vector512<double> gain = (leftGradient * leftGradient / (left + l2s)) + (rightGradient * rightGradient / (right + l2s)) - parents;
                Vector512<double> valid = Vector512.GreaterThanOrEqual(left, minLeaves) & Vector512.GreaterThanOrEqual(right, minLeaves);
                Vector512.ConditionalSelect(valid, gain, none).StoreUnsafe(ref gainStart, (nuint)k);
            }
        }

        for (; k < points; k++)
        {
            long p = prefix[k];
            long leftCount = p & 0xFFFF_FFFFL;
            double left = leftCount;
            double leftGradient = ((p - leftCount) >> 32) * scale;
            double right = count - left;
            double rightGradient = sumGradient - leftGradient;
            gains[k] = left >= minLeaf && right >= minLeaf
                ? (leftGradient * leftGradient / (left + l2)) + (rightGradient * rightGradient / (right + l2)) - parentScore
                : double.NegativeInfinity;
        }

        int bestBin = -1;
        double bestGain = best.Gain;
        for (int b = 0; b < points; b++)
        {
            if (gains[b] > bestGain)
            {
                bestGain = gains[b];
                bestBin = b;
            }
        }

        if (bestBin < 0)
        {
            return;
        }

        long sums2 = prefix[bestBin];
        int leftRows = (int)(sums2 & 0xFFFF_FFFFL);
        double bestLeftGradient = ((sums2 - leftRows) >> 32) * scale;
        best = new SplitCandidate
        {
            Feature = feature,
            Bin = bestBin,
            DefaultLeft = leftRows >= node.Count - leftRows,
            Gain = bestGain,
            LeftGradient = bestLeftGradient,
            LeftHessian = leftRows,
            LeftCount = leftRows,
            RightGradient = sumGradient - bestLeftGradient,
            RightHessian = node.SumHessian - leftRows,
            RightCount = node.Count - leftRows,
        };
    }

    /// <summary>
    /// The bins of one feature in the histogram of <paramref name="slot"/>: a view of it, or for a quantised histogram
    /// its sums decoded into a scratch buffer that the next call overwrites.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<HistogramBin> FeatureBins(int slot, int feature)
    {
        int offset = _data.HistogramOffsets[feature];
        int length = _data.BinCounts[feature] + 1;
        if (!Quantised)
        {
            return _histograms[slot].AsSpan(offset, length);
        }

        ReadOnlySpan<long> packed = _packedHistograms[slot].AsSpan(offset, length);
        Span<HistogramBin> decoded = _decoded.AsSpan(0, length);
        double scale = _gradientScale;
        for (int b = 0; b < packed.Length; b++)
        {
            long value = packed[b];
            int count = (int)(uint)value;
            decoded[b].Gradient = ((value - count) >> 32) * scale;
            decoded[b].Hessian = count;
            decoded[b].Count = count;
        }

        return decoded;
    }

    /// <summary>
    /// What <see cref="ScanFeature"/> does, from the leaf's rows sorted by bin: only bins holding rows are split points,
    /// which gives the same candidates since a split after an empty bin repeats the one before it. Returns whether the
    /// feature varies within the leaf.
    /// </summary>
    private bool ScanFeatureByRows(int feature, in GrowingNode node, double parentScore, ref SplitCandidate best)
    {
        int count = node.Count;
        Debug.Assert(count <= _smallLeafRows, "Only small leaves are scanned by rows.");
        Span<byte> keys = _sortBins.AsSpan(0, count);
        Span<int> rows = _sortRows.AsSpan(0, count);
        byte[] bins = _data.Bins[feature];
        _rows.AsSpan(node.Start, count).CopyTo(rows);
        for (int i = 0; i < count; i++)
        {
            keys[i] = bins[rows[i]];
        }

        keys.Sort(rows);
        if (keys[0] == keys[count - 1])
        {
            return false;
        }

        if (_data.IsCategorical(feature))
        {
            Span<HistogramBin> histogram = stackalloc HistogramBin[_data.BinCounts[feature] + 1];
            for (int i = 0; i < count; i++)
            {
                ref HistogramBin bin = ref histogram[keys[i]];
                bin.Gradient += _gradients[rows[i]];
                bin.Hessian += _unitHessians ? 1 : _hessians[rows[i]];
                bin.Count++;
            }

            ScanCategorical(histogram, feature, node, parentScore, ref best);
            return true;
        }

        // Missing values (the last bin) sort last.
        int missingBin = _data.BinCounts[feature];
        int valueEnd = count;
        double missingGradient = 0;
        double missingHessian = 0;
        while (valueEnd > 0 && keys[valueEnd - 1] == missingBin)
        {
            int row = rows[--valueEnd];
            missingGradient += _gradients[row];
            missingHessian += _unitHessians ? 1 : _hessians[row];
        }

        int missingCount = count - valueEnd;
        if (missingCount > 0 && valueEnd > 0 && keys[0] > 0)
        {
            // The histogram scan meets "missing values alone go left" first, at the empty bin 0; keep its choice.
            Consider(feature, 0, true, missingGradient, missingHessian, missingCount, node, parentScore, ref best);
        }

        double g = 0;
        double h = 0;
        int c = 0;
        int k = 0;
        while (k < valueEnd)
        {
            int bin = keys[k];
            while (k < valueEnd && keys[k] == bin)
            {
                int row = rows[k++];
                g += _gradients[row];
                h += _unitHessians ? 1 : _hessians[row];
                c++;
            }

            if (bin >= missingBin - 1)
            {
                break;
            }

            if (missingCount == 0)
            {
                Consider(feature, bin, c >= count - c, g, h, c, node, parentScore, ref best);
            }
            else
            {
                Consider(feature, bin, false, g, h, c, node, parentScore, ref best);
                Consider(feature, bin, true, g + missingGradient, h + missingHessian, c + missingCount, node, parentScore, ref best);
            }
        }

        if (missingCount > 0)
        {
            Consider(
                feature,
                missingBin - 1,
                false,
                node.SumGradient - missingGradient,
                node.SumHessian - missingHessian,
                count - missingCount,
                node,
                parentScore,
                ref best);
        }

        return true;
    }

    /// <summary>
    /// Scans features in a random order (a lazy Fisher-Yates shuffle) until <see cref="_featuresPerSplit"/> of them that
    /// vary within the leaf have been scanned, or every feature has been drawn.
    /// </summary>
    /// <remarks>A <paramref name="slot"/> of -1 scans the leaf's rows (<see cref="ScanFeatureByRows"/>).</remarks>
    private void ScanRandomFeatures(int slot, in GrowingNode node, double parentScore, ref SplitCandidate best)
    {
        Random random = _splitRandom!;
        int[] order = _splitOrder;
        _features.CopyTo(order, 0);
        int scanned = 0;
        for (int i = 0; i < order.Length && scanned < _featuresPerSplit; i++)
        {
            int j = random.Next(i, order.Length);
            (order[i], order[j]) = (order[j], order[i]);
            int f = order[i];
            if (slot < 0)
            {
                scanned += ScanFeatureByRows(f, node, parentScore, ref best) ? 1 : 0;
                continue;
            }

            ReadOnlySpan<HistogramBin> bins = FeatureBins(slot, f);
            if (VariesInLeaf(bins, node.Count))
            {
                ScanFeature(bins, f, node, parentScore, ref best);
                scanned++;
            }
        }
    }

    /// <summary>Whether the leaf's rows fall in more than one bin of a feature (the missing bin counts as one).</summary>
    private static bool VariesInLeaf(ReadOnlySpan<HistogramBin> bins, int count)
    {
        foreach (ref readonly HistogramBin bin in bins)
        {
            if (bin.Count != 0)
            {
                return bin.Count != count;
            }
        }

        return false;
    }

    private void ScanFeature(ReadOnlySpan<HistogramBin> bins, int feature, in GrowingNode node, double parentScore, ref SplitCandidate best)
    {
        int valueBins = _data.BinCounts[feature];
        if (_data.IsCategorical(feature))
        {
            ScanCategorical(bins, feature, node, parentScore, ref best);
            return;
        }

        HistogramBin missing = bins[valueBins];
        double missingHessian = _unitHessians ? missing.Count : missing.Hessian;
        double g = 0;
        double h = 0;
        int c = 0;
        for (int b = 0; b < valueBins - 1; b++)
        {
            g += bins[b].Gradient;
            h += _unitHessians ? bins[b].Count : bins[b].Hessian;
            c += bins[b].Count;
            if (missing.Count == 0)
            {
                // No missing value reached this leaf: unseen missing values follow the larger child, as scikit-learn does.
                Consider(feature, b, c >= node.Count - c, g, h, c, node, parentScore, ref best);
            }
            else
            {
                Consider(feature, b, false, g, h, c, node, parentScore, ref best);
                Consider(feature, b, true, g + missing.Gradient, h + missingHessian, c + missing.Count, node, parentScore, ref best);
            }
        }

        if (missing.Count > 0)
        {
            // Every value left, every missing value right.
            Consider(
                feature,
                valueBins - 1,
                false,
                node.SumGradient - missing.Gradient,
                node.SumHessian - missingHessian,
                node.Count - missing.Count,
                node,
                parentScore,
                ref best);
        }
    }

    /// <summary>
    /// Scans the partitions of a categorical feature's codes, as LightGBM does. With at most
    /// <see cref="GradientBoostingOptions.MaxCatToOneHot"/> non-empty bins in the leaf, each bin alone against the rest.
    /// Otherwise the bins holding at least <see cref="GradientBoostingOptions.CatSmooth"/> rows are ordered by
    /// <c>sum_gradient / (sum_hessian + CatSmooth)</c> (for squared error the best partition is a prefix of that order)
    /// and prefixes are tried from both ends, each side holding at most <see cref="GradientBoostingOptions.MaxCatThreshold"/>
    /// bins, split points at least <see cref="GradientBoostingOptions.MinDataPerGroup"/> rows apart with as many beyond
    /// them, and <see cref="GradientBoostingOptions.CatL2"/> added to the children's L2; rarer bins stay on the right.
    /// Missing values try both sides, as for numeric splits.
    /// </summary>
    private void ScanCategorical(ReadOnlySpan<HistogramBin> bins, int feature, in GrowingNode node, double parentScore, ref SplitCandidate best)
    {
        int valueBins = _data.BinCounts[feature];
        HistogramBin missing = bins[valueBins];
        double missingHessian = _unitHessians ? missing.Count : missing.Hessian;
        Span<int> order = stackalloc int[valueBins];
        Span<double> keys = stackalloc double[valueBins];
        int nonEmpty = 0;
        for (int b = 0; b < valueBins; b++)
        {
            nonEmpty += bins[b].Count > 0 ? 1 : 0;
        }

        if (nonEmpty == 0)
        {
            return;
        }

        bool oneHot = nonEmpty <= _maxCatToOneHot;
        int used = 0;
        for (int b = 0; b < valueBins; b++)
        {
            if (bins[b].Count > 0 && (oneHot || bins[b].Count >= _catSmooth))
            {
                double h = _unitHessians ? bins[b].Count : bins[b].Hessian;
                order[used] = b;
                keys[used] = h + _catSmooth > 0 ? bins[b].Gradient / (h + _catSmooth) : 0;
                used++;
            }
        }

        if (!oneHot)
        {
            // Insertion sort, ties broken by bin, so the order (and the model) never depends on the sort's stability.
            for (int i = 1; i < used; i++)
            {
                double key = keys[i];
                int bin = order[i];
                int j = i - 1;
                while (j >= 0 && (keys[j] > key || (keys[j] == key && order[j] > bin)))
                {
                    keys[j + 1] = keys[j];
                    order[j + 1] = order[j];
                    j--;
                }

                keys[j + 1] = key;
                order[j + 1] = bin;
            }
        }

        // The best split of this scan: how many bins of the order, from which end (one-hot: the bin at that position).
        int bestEnd = -1;
        int bestDirection = 1;
        bool missingAlone = false;
        if (oneHot)
        {
            for (int i = 0; i < used; i++)
            {
                ref readonly HistogramBin bin = ref bins[order[i]];
                if (ConsiderCategories(feature, bin.Gradient, _unitHessians ? bin.Count : bin.Hessian, bin.Count, missing, missingHessian, node, parentScore, 0, ref best))
                {
                    bestEnd = i;
                }
            }
        }
        else
        {
            int maxCategories = Math.Min(_maxCatThreshold, (used + 1) / 2);
            for (int direction = 1; direction >= -1; direction -= 2)
            {
                double g = 0;
                double hs = 0;
                int c = 0;
                int group = 0;
                for (int i = 0; i < used && i < maxCategories; i++)
                {
                    ref readonly HistogramBin bin = ref bins[order[direction > 0 ? i : used - 1 - i]];
                    g += bin.Gradient;
                    hs += _unitHessians ? bin.Count : bin.Hessian;
                    c += bin.Count;
                    group += bin.Count;
                    if (c < _minSamplesLeaf)
                    {
                        continue;
                    }

                    int rest = node.Count - missing.Count - c;
                    if (rest < _minSamplesLeaf || rest < _minDataPerGroup)
                    {
                        break;
                    }

                    if (group < _minDataPerGroup)
                    {
                        continue;
                    }

                    group = 0;
                    if (ConsiderCategories(feature, g, hs, c, missing, missingHessian, node, parentScore, _catL2, ref best))
                    {
                        bestEnd = i;
                        bestDirection = direction;
                    }
                }
            }
        }

        if (missing.Count > 0)
        {
            // Every value left, every missing value right.
            double before = best.Gain;
            Consider(
                feature,
                0,
                false,
                node.SumGradient - missing.Gradient,
                node.SumHessian - missingHessian,
                node.Count - missing.Count,
                node,
                parentScore,
                ref best);
            missingAlone = best.Gain > before;
        }

        if (bestEnd < 0 && !missingAlone)
        {
            return;
        }

        best.Categorical = true;
        best.LeftBins = default;
        if (missingAlone)
        {
            for (int b = 0; b < valueBins; b++)
            {
                best.LeftBins.Add(b);
            }
        }
        else if (oneHot)
        {
            best.LeftBins.Add(order[bestEnd]);
        }
        else
        {
            for (int i = 0; i <= bestEnd; i++)
            {
                best.LeftBins.Add(order[bestDirection > 0 ? i : used - 1 - i]);
            }
        }
    }

    /// <summary>
    /// Considers the categories summed in (<paramref name="gradient"/>, <paramref name="hessian"/>, <paramref name="count"/>)
    /// going left, with missing values on either side (or on the larger side when the leaf has none). Returns whether
    /// the best split improved.
    /// </summary>
    private bool ConsiderCategories(
        int feature,
        double gradient,
        double hessian,
        int count,
        in HistogramBin missing,
        double missingHessian,
        in GrowingNode node,
        double parentScore,
        double extraL2,
        ref SplitCandidate best)
    {
        double before = best.Gain;
        if (missing.Count == 0)
        {
            Consider(feature, 0, count >= node.Count - count, gradient, hessian, count, node, parentScore, ref best, extraL2);
        }
        else
        {
            Consider(feature, 0, false, gradient, hessian, count, node, parentScore, ref best, extraL2);
            Consider(feature, 0, true, gradient + missing.Gradient, hessian + missingHessian, count + missing.Count, node, parentScore, ref best, extraL2);
        }

        return best.Gain > before;
    }

    private void Consider(
        int feature,
        int bin,
        bool defaultLeft,
        double leftGradient,
        double leftHessian,
        int leftCount,
        in GrowingNode node,
        double parentScore,
        ref SplitCandidate best,
        double extraL2 = 0)
    {
        int rightCount = node.Count - leftCount;
        if (leftCount < _minSamplesLeaf || rightCount < _minSamplesLeaf)
        {
            return;
        }

        double rightGradient = node.SumGradient - leftGradient;
        double rightHessian = node.SumHessian - leftHessian;
        if (leftHessian < MinChildHessian || rightHessian < MinChildHessian)
        {
            return;
        }

        double l2 = _l2 + extraL2;
        double gain = (leftGradient * leftGradient / (leftHessian + l2))
            + (rightGradient * rightGradient / (rightHessian + l2))
            - parentScore;
        if (gain > best.Gain)
        {
            best = new SplitCandidate
            {
                Feature = feature,
                Bin = bin,
                DefaultLeft = defaultLeft,
                Gain = gain,
                LeftGradient = leftGradient,
                LeftHessian = leftHessian,
                LeftCount = leftCount,
                RightGradient = rightGradient,
                RightHessian = rightHessian,
                RightCount = rightCount,
            };
        }
    }
}
