using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sextant.Learners.GradientBoosting;

/// <summary>
/// Grows one regression tree leaf-wise (best gain first) on binned features. Rows stay partitioned per leaf in
/// <see cref="Rows"/>; each splittable leaf owns a pooled histogram of (gradient, hessian, count) per bin. When a leaf
/// splits, only the smaller child's histogram is built from its rows and the larger one is the parent's minus it.
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
    private readonly int _maxCatToOneHot = GradientBoostingOptions.DefaultMaxCatToOneHot;
    private readonly byte[] _sortBins;
    private readonly int[] _sortRows;
    private readonly ParallelOptions _parallel;
    private readonly List<HistogramBin[]> _histograms = [];
    private readonly List<HistogramBin[]> _blockHistograms = [];
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
    public TreeGrower(BinnedFeatures data, GradientBoostingOptions options, ParallelOptions parallel, bool subtractHistograms, bool unitHessians)
        : this(data, options.MaxLeaves, options.MaxDepth ?? int.MaxValue, options.MinSamplesLeaf, options.L2, parallel, subtractHistograms, unitHessians, depthFirst: false, smallLeafRows: 0)
    {
        _catSmooth = options.CatSmooth;
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
        int smallLeafRows)
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
        _leaves = new LeafState[_maxLeaves];
        _nodes = new GrowingNode[(2 * _maxLeaves) - 1];
    }

    /// <summary>Gets the nodes of the last tree grown, root first; children always follow their parent.</summary>
    public Span<GrowingNode> Nodes => _nodes.AsSpan(0, _nodeCount);

    /// <summary>Gets the sampled rows of the last tree, partitioned so that each leaf's rows are contiguous.</summary>
    public ReadOnlySpan<int> Rows => _rows;

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
        for (int k = 0; k < n; k++)
        {
            int row = _rows[k];
            g += gradients[row];
            h += hessians[row];
        }

        int root = NewNode(0, n, g, h);
        int slot = -1;
        bool splits = CanSplit(n, 0);
        if (splits && n > _smallLeafRows)
        {
            slot = RentSlot();
            BuildHistogram(slot, root);
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

        for (int i = 0; i < _leafCount; i++)
        {
            Release(_leaves[i].HistogramSlot);
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
        Debug.Assert(slot < 0 || splits, "Only leaves that may split hold a histogram.");
        SplitCandidate best = slot >= 0 ? FindBestSplit(_histograms[slot], node) : splits ? FindBestSplit(null, node) : SplitCandidate.None;
        if (slot >= 0 && !best.IsValid)
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
        bool leftHistogram = leftSplits && leftCount > _smallLeafRows;
        bool rightHistogram = rightSplits && rightCount > _smallLeafRows;
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

    /// <summary>Stable partition of a leaf's rows: left rows first. Returns how many went left.</summary>
    private int Partition(int start, int count, in SplitCandidate split)
    {
        byte[] bins = _data.Bins[split.Feature];
        int missing = _data.BinCounts[split.Feature];
        int threshold = split.Bin;
        bool defaultLeft = split.DefaultLeft;
        bool categorical = split.Categorical;
        BinSet leftBins = split.LeftBins;
        Span<int> rows = _rows.AsSpan(start, count);
        Span<int> right = _scratch.AsSpan(0, count);
        int l = 0;
        int r = 0;
        for (int k = 0; k < rows.Length; k++)
        {
            int row = rows[k];
            int bin = bins[row];
            bool goLeft = bin == missing ? defaultLeft : categorical ? leftBins.Contains(bin) : bin <= threshold;

            // Written to both sides and kept on one: the direction is data-dependent, so a branch would mispredict.
            rows[l] = row;
            right[r] = row;
            int left = goLeft ? 1 : 0;
            l += left;
            r += 1 - left;
        }

        right[..r].CopyTo(rows[l..]);
        return l;
    }

    private int RentSlot()
    {
        if (_freeSlots.Count > 0)
        {
            return _freeSlots.Pop();
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

    private void ClearSelected(HistogramBin[] histogram)
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
        ref byte rowBins = ref MemoryMarshal.GetArrayDataReference(_data.RowMajorBins);
        ref int rows = ref MemoryMarshal.GetArrayDataReference(_rows);
        ref double gradients = ref MemoryMarshal.GetArrayDataReference(_gradients);
        ref double hessians = ref MemoryMarshal.GetArrayDataReference(_hessians);
        Debug.Assert(offsets.Length == columns && start + count <= _rows.Length, "Indices stay inside the arrays.");
        if (_unitHessians && features.Length == columns)
        {
            for (int k = start; k < start + count; k++)
            {
                int row = Unsafe.Add(ref rows, k);
                double g = Unsafe.Add(ref gradients, row);
                ref byte binsOfRow = ref Unsafe.Add(ref rowBins, (nint)row * columns);
                for (int f = 0; f < columns; f++)
                {
                    ref HistogramBin bin = ref Unsafe.Add(ref bins, offsets[f] + Unsafe.Add(ref binsOfRow, f));
                    bin.Gradient += g;
                    bin.Count++;
                }
            }

            return;
        }

        if (features.Length == columns)
        {
            for (int k = start; k < start + count; k++)
            {
                int row = Unsafe.Add(ref rows, k);
                double g = Unsafe.Add(ref gradients, row);
                double h = Unsafe.Add(ref hessians, row);
                ref byte binsOfRow = ref Unsafe.Add(ref rowBins, (nint)row * columns);
                for (int f = 0; f < columns; f++)
                {
                    ref HistogramBin bin = ref Unsafe.Add(ref bins, offsets[f] + Unsafe.Add(ref binsOfRow, f));
                    bin.Gradient += g;
                    bin.Hessian += h;
                    bin.Count++;
                }
            }

            return;
        }

        if (_unitHessians)
        {
            for (int k = start; k < start + count; k++)
            {
                int row = Unsafe.Add(ref rows, k);
                double g = Unsafe.Add(ref gradients, row);
                ref byte binsOfRow = ref Unsafe.Add(ref rowBins, (nint)row * columns);
                foreach (int f in features)
                {
                    ref HistogramBin bin = ref Unsafe.Add(ref bins, offsets[f] + Unsafe.Add(ref binsOfRow, f));
                    bin.Gradient += g;
                    bin.Count++;
                }
            }

            return;
        }

        for (int k = start; k < start + count; k++)
        {
            int row = Unsafe.Add(ref rows, k);
            double g = Unsafe.Add(ref gradients, row);
            double h = Unsafe.Add(ref hessians, row);
            ref byte binsOfRow = ref Unsafe.Add(ref rowBins, (nint)row * columns);
            foreach (int f in features)
            {
                ref HistogramBin bin = ref Unsafe.Add(ref bins, offsets[f] + Unsafe.Add(ref binsOfRow, f));
                bin.Gradient += g;
                bin.Hessian += h;
                bin.Count++;
            }
        }
    }

    /// <summary>Turns the parent's histogram into the larger child's by subtracting the smaller child's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Subtract(int parentSlot, int childSlot)
    {
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
    /// The best split of a leaf: from its histogram, or (<paramref name="histogram"/> null, small leaves) from its rows
    /// sorted by bin; over every feature, or over features drawn at random per split.
    /// </summary>
    private SplitCandidate FindBestSplit(HistogramBin[]? histogram, int node)
    {
        GrowingNode n = _nodes[node];
        double parentScore = n.SumGradient * n.SumGradient / (n.SumHessian + _l2);
        SplitCandidate best = SplitCandidate.None;
        if (_featuresPerSplit > 0)
        {
            ScanRandomFeatures(histogram, n, parentScore, ref best);
            return best;
        }

        foreach (int f in _features)
        {
            if (histogram is null)
            {
                ScanFeatureByRows(f, n, parentScore, ref best);
            }
            else
            {
                ScanFeature(histogram, f, n, parentScore, ref best);
            }
        }

        return best;
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
    /// <remarks>A null <paramref name="histogram"/> scans the leaf's rows (<see cref="ScanFeatureByRows"/>).</remarks>
    private void ScanRandomFeatures(HistogramBin[]? histogram, in GrowingNode node, double parentScore, ref SplitCandidate best)
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
            if (histogram is null)
            {
                scanned += ScanFeatureByRows(f, node, parentScore, ref best) ? 1 : 0;
            }
            else if (VariesInLeaf(histogram, f, node.Count))
            {
                ScanFeature(histogram, f, node, parentScore, ref best);
                scanned++;
            }
        }
    }

    /// <summary>Whether the leaf's rows fall in more than one bin of a feature (the missing bin counts as one).</summary>
    private bool VariesInLeaf(HistogramBin[] histogram, int feature, int count)
    {
        ReadOnlySpan<HistogramBin> bins = histogram.AsSpan(_data.HistogramOffsets[feature], _data.BinCounts[feature] + 1);
        foreach (ref readonly HistogramBin bin in bins)
        {
            if (bin.Count != 0)
            {
                return bin.Count != count;
            }
        }

        return false;
    }

    private void ScanFeature(HistogramBin[] histogram, int feature, in GrowingNode node, double parentScore, ref SplitCandidate best)
    {
        int valueBins = _data.BinCounts[feature];
        ReadOnlySpan<HistogramBin> bins = histogram.AsSpan(_data.HistogramOffsets[feature], valueBins + 1);
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
    /// Scans the partitions of a categorical feature's codes, as LightGBM does: with at most
    /// <see cref="GradientBoostingOptions.MaxCatToOneHot"/> non-empty bins, each bin alone against the rest; otherwise
    /// the non-empty bins ordered by <c>sum_gradient / (sum_hessian + CatSmooth)</c> and every prefix of that order
    /// against the rest (for squared error the best partition is such a prefix). Missing values try both sides as for
    /// numeric splits.
    /// </summary>
    private void ScanCategorical(ReadOnlySpan<HistogramBin> bins, int feature, in GrowingNode node, double parentScore, ref SplitCandidate best)
    {
        int valueBins = _data.BinCounts[feature];
        HistogramBin missing = bins[valueBins];
        double missingHessian = _unitHessians ? missing.Count : missing.Hessian;
        Span<int> order = stackalloc int[valueBins];
        Span<double> keys = stackalloc double[valueBins];
        int used = 0;
        for (int b = 0; b < valueBins; b++)
        {
            if (bins[b].Count > 0)
            {
                double h = _unitHessians ? bins[b].Count : bins[b].Hessian;
                order[used] = b;
                keys[used] = bins[b].Gradient / (h + _catSmooth);
                used++;
            }
        }

        if (used == 0)
        {
            return;
        }

        bool oneHot = used <= _maxCatToOneHot;
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

        // What the best split of this scan is: a prefix length of the order (one-hot: one bin at that position).
        int bestEnd = -1;
        double g = 0;
        double hs = 0;
        int c = 0;
        for (int i = 0; i < used - 1 || (oneHot && i < used); i++)
        {
            ref readonly HistogramBin bin = ref bins[order[i]];
            double binHessian = _unitHessians ? bin.Count : bin.Hessian;
            if (oneHot)
            {
                g = bin.Gradient;
                hs = binHessian;
                c = bin.Count;
            }
            else
            {
                g += bin.Gradient;
                hs += binHessian;
                c += bin.Count;
            }

            double before = best.Gain;
            if (missing.Count == 0)
            {
                Consider(feature, 0, c >= node.Count - c, g, hs, c, node, parentScore, ref best);
            }
            else
            {
                Consider(feature, 0, false, g, hs, c, node, parentScore, ref best);
                Consider(feature, 0, true, g + missing.Gradient, hs + missingHessian, c + missing.Count, node, parentScore, ref best);
            }

            if (best.Gain > before)
            {
                bestEnd = i;
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
            if (best.Gain > before)
            {
                bestEnd = used;
                oneHot = false;
            }
        }

        if (bestEnd < 0)
        {
            return;
        }

        best.Categorical = true;
        best.LeftBins = default;
        if (oneHot)
        {
            best.LeftBins.Add(order[bestEnd]);
            return;
        }

        int end = Math.Min(bestEnd + 1, used);
        for (int i = 0; i < end; i++)
        {
            best.LeftBins.Add(order[i]);
        }
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
        ref SplitCandidate best)
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

        double gain = (leftGradient * leftGradient / (leftHessian + _l2))
            + (rightGradient * rightGradient / (rightHessian + _l2))
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
