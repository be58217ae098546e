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
    private readonly ParallelOptions _parallel;
    private readonly List<HistogramBin[]> _histograms = [];
    private readonly List<HistogramBin[]> _blockHistograms = [];
    private readonly Stack<int> _freeSlots = new();
    private readonly int[] _rows;
    private readonly int[] _scratch;
    private readonly LeafState[] _leaves;
    private readonly GrowingNode[] _nodes;
    private int _nodeCount;
    private int _leafCount;
    private int[] _features = [];
    private double[] _gradients = [];
    private double[] _hessians = [];

    /// <param name="data">The binned features.</param>
    /// <param name="options">The tree options.</param>
    /// <param name="parallel">The thread limit.</param>
    /// <param name="subtractHistograms">Whether the larger child's histogram is the parent's minus the smaller child's.</param>
    /// <param name="unitHessians">
    /// Whether every hessian is exactly 1 (unweighted losses other than log-loss): histograms then skip the hessian and
    /// use the count, which is the same number.
    /// </param>
    public TreeGrower(BinnedFeatures data, GradientBoostingOptions options, ParallelOptions parallel, bool subtractHistograms, bool unitHessians)
    {
        _data = data;
        _maxLeaves = options.MaxLeaves;
        _maxDepth = options.MaxDepth ?? int.MaxValue;
        _minSamplesLeaf = options.MinSamplesLeaf;
        _l2 = options.L2;
        _parallel = parallel;
        _subtractHistograms = subtractHistograms;
        _unitHessians = unitHessians;
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
    public void Grow(double[] gradients, double[] hessians, ReadOnlySpan<int> sampleRows, int[] features)
    {
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
        if (CanSplit(n, 0))
        {
            slot = RentSlot();
            BuildHistogram(slot, root);
        }

        _leaves[_leafCount++] = NewLeaf(root, 0, slot);

        while (_leafCount < _maxLeaves)
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

    private LeafState NewLeaf(int node, int depth, int slot) => new()
    {
        Node = node,
        Depth = depth,
        HistogramSlot = slot,
        Best = slot >= 0 ? FindBestSplit(slot, node) : SplitCandidate.None,
    };

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
        p.Left = left;
        p.Right = right;
        p.Gain = split.Gain;

        int depth = leaf.Depth + 1;
        _leafCount++;
        bool more = _leafCount < _maxLeaves;
        bool leftSplits = more && CanSplit(leftCount, depth);
        bool rightSplits = more && CanSplit(rightCount, depth);
        int parentSlot = leaf.HistogramSlot;
        int leftSlot = -1;
        int rightSlot = -1;
        if (_subtractHistograms)
        {
            bool leftSmaller = leftCount <= rightCount;
            int small = leftSmaller ? left : right;
            bool smallSplits = leftSmaller ? leftSplits : rightSplits;
            bool largeSplits = leftSmaller ? rightSplits : leftSplits;
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
            if (leftSplits)
            {
                leftSlot = RentSlot();
                BuildHistogram(leftSlot, left);
            }

            if (rightSplits)
            {
                rightSlot = RentSlot();
                BuildHistogram(rightSlot, right);
            }
        }

        _leaves[leafIndex] = NewLeaf(left, depth, leftSlot);
        _leaves[_leafCount - 1] = NewLeaf(right, depth, rightSlot);
    }

    /// <summary>Stable partition of a leaf's rows: left rows first. Returns how many went left.</summary>
    private int Partition(int start, int count, in SplitCandidate split)
    {
        byte[] bins = _data.Bins[split.Feature];
        int missing = _data.BinCounts[split.Feature];
        int threshold = split.Bin;
        bool defaultLeft = split.DefaultLeft;
        Span<int> rows = _rows.AsSpan(start, count);
        Span<int> right = _scratch.AsSpan(0, count);
        int l = 0;
        int r = 0;
        for (int k = 0; k < rows.Length; k++)
        {
            int row = rows[k];
            int bin = bins[row];
            bool goLeft = bin == missing ? defaultLeft : bin <= threshold;

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
            AccumulateRows(histogram, start, count);
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
            AccumulateRows(partial, blockStart, Math.Min(HistogramBlockRows, start + count - blockStart));
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

    /// <summary>Adds the rows <c>Rows[start..start+count]</c> to a histogram, a row at a time across the selected features.</summary>
    private void AccumulateRows(HistogramBin[] histogram, int start, int count)
    {
        int columns = _data.Features;
        int[] features = _features;
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

    private SplitCandidate FindBestSplit(int slot, int node)
    {
        HistogramBin[] histogram = _histograms[slot];
        GrowingNode n = _nodes[node];
        double parentScore = n.SumGradient * n.SumGradient / (n.SumHessian + _l2);
        SplitCandidate best = SplitCandidate.None;
        foreach (int f in _features)
        {
            ScanFeature(histogram, f, n, parentScore, ref best);
        }

        return best;
    }

    private void ScanFeature(HistogramBin[] histogram, int feature, in GrowingNode node, double parentScore, ref SplitCandidate best)
    {
        int valueBins = _data.BinCounts[feature];
        ReadOnlySpan<HistogramBin> bins = histogram.AsSpan(_data.HistogramOffsets[feature], valueBins + 1);
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
