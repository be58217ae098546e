using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sextant.Learners.GradientBoosting;

/// <summary>
/// Trees packed into one array of <see cref="FlatTreeNode"/>s (tree <c>t</c> starts at <see cref="TreeOffsets"/>[t] and
/// children always follow their parent), with each node's cover when known. The shared form of every tree model:
/// boosting sums the trees, a forest averages them, and TreeSHAP walks them without knowing which.
/// </summary>
internal sealed class FlatTreeEnsemble
{
    private static readonly ulong[] s_noSets = [0];

    // Numeric ensembles whose trees are at most this deep are walked a fixed number of steps per tree, its depth (see
    // WalkNode); deeper ones node by node: on California's unbounded 31-leaf trees the fixed walk took 17.6 us a row
    // against 13 us, as the steps down an unbalanced tree's long branch are paid by every row.
    private const int MaxFixedWalkDepth = 16;

    // Batch prediction walks each tree for this many rows at a time, so their independent walks overlap.
    private const int BatchRows = 32;

    // Trees walked node by node are walked by blocks of rows whose features take about this many bytes (a fully
    // grown forest's trees are far larger than the caches, so the more rows share a pass over a tree the better).
    private const int BlockBytes = 256 * 1024;
    private const int MinBlockRows = 64;
    private const int MaxBlockRows = 4096;

    private readonly WalkNode[]? _walk;
    private readonly int[] _treeDepths;

    private FlatTreeEnsemble(FlatTreeNode[] nodes, int[] treeOffsets, double[]? covers, int featureCount, ulong[] categorySets)
    {
        Nodes = nodes;
        CategorySets = categorySets;
        TreeOffsets = treeOffsets;
        Covers = covers;
        FeatureCount = featureCount;
        _treeDepths = ComputeTreeDepths(nodes, treeOffsets);
        MaxDepth = _treeDepths.Length == 0 ? 0 : _treeDepths.Max();
        ExpectedSum = covers is null ? double.NaN : ComputeExpectedSum(covers);
        if (categorySets.Length == 1 && MaxDepth <= MaxFixedWalkDepth)
        {
            _walk = BuildWalk(nodes);
        }
    }

    /// <summary>Gets every node of every tree.</summary>
    public FlatTreeNode[] Nodes { get; }

    /// <summary>
    /// Gets the category sets of every categorical node, one shared array (word 0 is reserved so that a
    /// <see cref="FlatTreeNode.CategorySet"/> of 0 means none). A set at offset <c>o</c> holds its word count <c>n</c>
    /// at <c>o</c>, the bitset of codes going left at <c>o+1..o+n</c> and of codes going right at <c>o+1+n..o+2n</c>;
    /// codes in neither (unseen in training or out of range) follow the missing-value direction.
    /// </summary>
    public ulong[] CategorySets { get; }

    /// <summary>Gets the index of each tree's root in <see cref="Nodes"/>.</summary>
    public int[] TreeOffsets { get; }

    /// <summary>
    /// Gets, per node, the number of training rows that reached it when its tree was grown (bootstrap draws counted
    /// with their multiplicity), or <see langword="null"/> for a model saved without covers.
    /// </summary>
    public double[]? Covers { get; }

    /// <summary>Gets the number of feature columns a row has.</summary>
    public int FeatureCount { get; }

    /// <summary>Gets the depth of the deepest leaf (0 for a tree that is a single leaf).</summary>
    public int MaxDepth { get; }

    /// <summary>Gets the sum over trees of the cover-weighted mean leaf value; NaN without covers.</summary>
    public double ExpectedSum { get; }

    /// <summary>Gets the number of trees.</summary>
    public int Trees => TreeOffsets.Length;

    /// <summary>Checks the serialised node arrays and packs them.</summary>
    /// <exception cref="ArgumentException">The arrays are inconsistent or describe something other than a forest of trees.</exception>
    public static FlatTreeEnsemble Create(
        int featureCount,
        IReadOnlyList<int> treeOffsets,
        IReadOnlyList<int> nodeFeatures,
        IReadOnlyList<double> nodeThresholds,
        IReadOnlyList<int> nodeLeftChildren,
        IReadOnlyList<int> nodeRightChildren,
        IReadOnlyList<bool> nodeDefaultLeft,
        IReadOnlyList<double> nodeValues,
        IReadOnlyList<double>? nodeCovers,
        IReadOnlyList<int>? nodeCategorySets = null,
        IReadOnlyList<ulong>? categorySets = null)
    {
        int nodeCount = nodeFeatures.Count;
        ulong[] sets = categorySets is null or { Count: 0 } ? s_noSets : [.. categorySets];
        if (sets[0] != 0)
        {
            throw new ArgumentException("Word 0 of the category sets is reserved and must be 0.", nameof(categorySets));
        }

        if (nodeCategorySets is not null && nodeCategorySets.Count != nodeCount)
        {
            throw new ArgumentException("nodeCategorySets must have one entry per node.", nameof(nodeCategorySets));
        }

        if (nodeThresholds.Count != nodeCount || nodeLeftChildren.Count != nodeCount || nodeRightChildren.Count != nodeCount
            || nodeDefaultLeft.Count != nodeCount || nodeValues.Count != nodeCount || (nodeCovers is not null && nodeCovers.Count != nodeCount))
        {
            throw new ArgumentException("Every node array must have one entry per node.", nameof(nodeFeatures));
        }

        int[] offsets = [.. treeOffsets];
        var nodes = new FlatTreeNode[nodeCount];
        for (int t = 0; t < offsets.Length; t++)
        {
            int begin = offsets[t];
            int end = t + 1 < offsets.Length ? offsets[t + 1] : nodeCount;
            if (begin < 0 || (t == 0 && begin != 0) || end <= begin || end > nodeCount)
            {
                throw new ArgumentException("Tree offsets must start at 0 and increase strictly within the node arrays.", nameof(treeOffsets));
            }

            for (int i = begin; i < end; i++)
            {
                nodes[i] = CheckedNode(i, end, featureCount, nodeFeatures[i], nodeThresholds[i], nodeLeftChildren[i], nodeRightChildren[i], nodeDefaultLeft[i], nodeValues[i]);
                int set = nodeCategorySets?[i] ?? 0;
                if (set != 0)
                {
                    CheckCategorySet(i, nodes[i].Feature, set, sets);
                    nodes[i] = nodes[i] with { CategorySet = set };
                }
            }
        }

        if (offsets.Length == 0 && nodeCount != 0)
        {
            throw new ArgumentException("Nodes were given without any tree offset.", nameof(treeOffsets));
        }

        double[]? covers = nodeCovers?.ToArray();
        if (covers is not null)
        {
            CheckCovers(nodes, covers);
        }

        return new FlatTreeEnsemble(nodes, offsets, covers, featureCount, sets);
    }

    /// <summary>
    /// Packs nodes a trainer built, without copying or checking them beyond debug assertions: learners that grow large
    /// forests build the packed form directly instead of going through <see cref="Create"/>'s per-node lists.
    /// </summary>
    internal static FlatTreeEnsemble FromNodes(int featureCount, int[] treeOffsets, FlatTreeNode[] nodes, double[] covers)
    {
        Debug.Assert(treeOffsets.Length > 0 && treeOffsets[0] == 0 && covers.Length == nodes.Length, "The trainer packs whole trees with covers.");
        return new FlatTreeEnsemble(nodes, treeOffsets, covers, featureCount, s_noSets);
    }

    /// <summary>The sum over trees of the leaf each row reaches.</summary>
    public double SumLeaves(ReadOnlySpan<double> row)
    {
        if (_walk is { } walk)
        {
            double total = 0;
            ref double values = ref MemoryMarshal.GetReference(row);
            for (int t = 0; t < TreeOffsets.Length; t++)
            {
                total += walk[Walk(walk, TreeOffsets[t], _treeDepths[t], ref values)].Value;
            }

            return total;
        }

        FlatTreeNode[] nodes = Nodes;
        double sum = 0;
        foreach (int root in TreeOffsets)
        {
            int i = root;
            while (true)
            {
                ref readonly FlatTreeNode node = ref nodes[i];
                if (node.Feature < 0)
                {
                    sum += node.Value;
                    break;
                }

                i = Next(node, row[node.Feature], CategorySets);
            }
        }

        return sum;
    }

    /// <summary>
    /// Writes <see cref="SumLeaves"/> of every row of a row-major block to <paramref name="destination"/>. Numeric
    /// trees are walked tree by tree over groups of rows: the rows' walks are independent, so the processor overlaps them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SumLeavesBatch(ReadOnlySpan<double> features, int rows, Span<double> destination)
    {
        Debug.Assert(features.Length == (long)rows * FeatureCount && destination.Length >= rows, "The caller checked the shapes.");
        int columns = FeatureCount;
        if (_walk is not { } walk)
        {
            SumLeavesByBlocks(features, rows, destination);
            return;
        }

        ref double first = ref MemoryMarshal.GetReference(features);
        for (int start = 0; start < rows; start += BatchRows)
        {
            int count = Math.Min(BatchRows, rows - start);
            Span<double> sums = destination.Slice(start, count);
            sums.Clear();
            for (int t = 0; t < TreeOffsets.Length; t++)
            {
                int root = TreeOffsets[t];
                int steps = _treeDepths[t];
                int r = 0;
                for (; r + 4 <= count; r += 4)
                {
                    // Four walks in lockstep: independent chains of loads the processor runs side by side.
                    ref double row0 = ref Unsafe.Add(ref first, (nint)(start + r) * columns);
                    ref double row1 = ref Unsafe.Add(ref row0, columns);
                    ref double row2 = ref Unsafe.Add(ref row1, columns);
                    ref double row3 = ref Unsafe.Add(ref row2, columns);
                    int i0 = root, i1 = root, i2 = root, i3 = root;
                    for (int depth = 0; depth < steps; depth++)
                    {
                        i0 = Step(walk, i0, ref row0);
                        i1 = Step(walk, i1, ref row1);
                        i2 = Step(walk, i2, ref row2);
                        i3 = Step(walk, i3, ref row3);
                    }

                    sums[r] += walk[i0].Value;
                    sums[r + 1] += walk[i1].Value;
                    sums[r + 2] += walk[i2].Value;
                    sums[r + 3] += walk[i3].Value;
                }

                for (; r < count; r++)
                {
                    sums[r] += walk[Walk(walk, root, steps, ref Unsafe.Add(ref first, (nint)(start + r) * columns))].Value;
                }
            }
        }
    }

    /// <summary>
    /// <see cref="SumLeavesBatch"/> for trees walked node by node (deep, unbalanced or categorical): tree by tree over
    /// blocks of rows, so that a tree's nodes stay in cache while the block walks it (one row at a time through all the
    /// trees reads every tree from memory again: 13 against 6 us a row on California's 398-tree model). Each row still
    /// adds its trees in order, so the sums are exactly <see cref="SumLeaves"/>'.
    /// </summary>
    private void SumLeavesByBlocks(ReadOnlySpan<double> features, int rows, Span<double> destination)
    {
        int columns = FeatureCount;
        int blockRows = Math.Clamp(BlockBytes / (columns * sizeof(double)), MinBlockRows, MaxBlockRows);
        FlatTreeNode[] nodes = Nodes;
        ReadOnlySpan<ulong> sets = CategorySets;
        for (int start = 0; start < rows; start += blockRows)
        {
            int count = Math.Min(blockRows, rows - start);
            Span<double> sums = destination.Slice(start, count);
            sums.Clear();
            foreach (int root in TreeOffsets)
            {
                for (int r = 0; r < count; r++)
                {
                    ReadOnlySpan<double> row = features.Slice((start + r) * columns, columns);
                    int i = root;
                    while (nodes[i].Feature >= 0)
                    {
                        ref readonly FlatTreeNode node = ref nodes[i];
                        i = Next(node, row[node.Feature], sets);
                    }

                    sums[r] += nodes[i].Value;
                }
            }
        }
    }

    /// <summary>
    /// Walks one numeric tree from <paramref name="root"/> for <paramref name="steps"/> steps, the tree's depth (leaves
    /// lead to themselves), and returns the leaf reached: no exit test per node, and each step's choice is a conditional
    /// move, not a branch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Walk(WalkNode[] walk, int root, int steps, ref double values)
    {
        int i = root;
        for (int depth = 0; depth < steps; depth++)
        {
            i = Step(walk, i, ref values);
        }

        return i;
    }

    /// <summary>One step of a fixed-depth walk: the child of node <paramref name="i"/> that the row's value goes to.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(WalkNode[] walk, int i, ref double values)
    {
        Debug.Assert((uint)i < (uint)walk.Length, "Children are nodes of the tree.");
        ref WalkNode node = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(walk), i);
        double x = Unsafe.Add(ref values, node.Feature);

        // Right and Left are adjacent, so the comparison's 0 or 1 picks the child without a branch.
        int next = Unsafe.Add(ref node.Right, Unsafe.BitCast<bool, byte>(x <= node.Threshold));
        return double.IsNaN(x) ? node.Missing : next;
    }

    private static WalkNode[] BuildWalk(FlatTreeNode[] nodes)
    {
        var walk = new WalkNode[nodes.Length];
        for (int i = 0; i < nodes.Length; i++)
        {
            FlatTreeNode node = nodes[i];
            walk[i] = node.Feature < 0
                ? new WalkNode { Feature = 0, Right = i, Left = i, Missing = i, Value = node.Value }
                : new WalkNode { Feature = node.Feature, Right = node.Right, Left = node.Left, Missing = node.Missing, Threshold = node.Threshold };
        }

        return walk;
    }

    /// <summary>A node as the fixed-depth walk reads it: a leaf reads feature 0 and leads to itself whatever it holds.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct WalkNode
    {
        public int Feature;
        public int Right;
        public int Left;
        public int Missing;
        public double Threshold;
        public double Value;
    }

    /// <summary>
    /// The child an internal node sends a value to; every walk over the trees (prediction, TreeSHAP) routes through here.
    /// A numeric node sends values at most its threshold left, NaN to its missing child and the rest right. A categorical
    /// node sends a code in its left set left, in its right set right, and anything else (NaN, a code unseen in
    /// training, a negative, fractional or too large value) to its missing child.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Next(in FlatTreeNode node, double x, ReadOnlySpan<ulong> categorySets)
    {
        if (node.CategorySet == 0)
        {
            return x <= node.Threshold ? node.Left : double.IsNaN(x) ? node.Missing : node.Right;
        }

        int offset = node.CategorySet;
        int words = (int)categorySets[offset];
        if (!(x >= 0 && x < words * 64.0) || x != Math.Floor(x))
        {
            return node.Missing;
        }

        int code = (int)x;
        int word = code >> 6;
        ulong bit = 1UL << (code & 63);
        if ((categorySets[offset + 1 + word] & bit) != 0)
        {
            return node.Left;
        }

        return (categorySets[offset + 1 + words + word] & bit) != 0 ? node.Right : node.Missing;
    }

    private static void CheckCategorySet(int index, int feature, int offset, ulong[] sets)
    {
        if (feature < 0 || offset < 1 || offset >= sets.Length)
        {
            throw new ArgumentException(Format($"Node {index} names category set {offset}, but only internal nodes may and the set must exist."), "nodeCategorySets");
        }

        ulong words = sets[offset];
        if (words < 1 || (ulong)offset + 1 + (2 * words) > (ulong)sets.Length)
        {
            throw new ArgumentException(Format($"Node {index}'s category set at {offset} runs past the end of the category sets."), "nodeCategorySets");
        }

        int n = (int)words;
        for (int w = 0; w < n; w++)
        {
            if ((sets[offset + 1 + w] & sets[offset + 1 + n + w]) != 0)
            {
                throw new ArgumentException(Format($"Node {index}'s category set at {offset} sends a code both left and right."), "nodeCategorySets");
            }
        }
    }

    private static FlatTreeNode CheckedNode(
        int index,
        int treeEnd,
        int featureCount,
        int feature,
        double threshold,
        int left,
        int right,
        bool defaultLeft,
        double value)
    {
        if (feature < 0)
        {
            if (feature != -1 || !double.IsFinite(value))
            {
                throw new ArgumentException(Format($"Node {index} is a leaf and must have feature -1 and a finite value."), "nodeFeatures");
            }

            return new FlatTreeNode(-1, 0, 0, 0, 0, value);
        }

        if (feature >= featureCount || double.IsNaN(threshold)
            || left <= index || left >= treeEnd || right <= index || right >= treeEnd)
        {
            throw new ArgumentException(
                Format($"Node {index} must split on a feature below {featureCount}, with a threshold, and children later in its own tree."),
                "nodeFeatures");
        }

        return new FlatTreeNode(feature, threshold, left, right, defaultLeft ? left : right, 0);
    }

    /// <summary>
    /// Covers must be positive and add up (a parent's cover is its children's sum): TreeSHAP's expectations divide by
    /// them and its additivity rests on the sums.
    /// </summary>
    private static void CheckCovers(FlatTreeNode[] nodes, double[] covers)
    {
        for (int i = 0; i < nodes.Length; i++)
        {
            double cover = covers[i];
            if (!double.IsFinite(cover) || cover <= 0)
            {
                throw new ArgumentException(Format($"Node {i} has cover {cover}; every cover must be a finite number > 0."), "nodeCovers");
            }

            ref readonly FlatTreeNode node = ref nodes[i];
            if (node.Feature >= 0)
            {
                double children = covers[node.Left] + covers[node.Right];
                if (Math.Abs(cover - children) > 1e-9 * cover)
                {
                    throw new ArgumentException(Format($"Node {i} has cover {cover} but its children's covers add up to {children}."), "nodeCovers");
                }
            }
        }
    }

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);

    /// <summary>The depth of each tree's deepest leaf (0 for a tree that is a single leaf).</summary>
    private static int[] ComputeTreeDepths(FlatTreeNode[] nodes, int[] treeOffsets)
    {
        // Children follow their parent within a tree, so one forward pass sees every parent's depth before its children.
        var depths = new int[nodes.Length];
        var treeDepths = new int[treeOffsets.Length];
        for (int t = 0; t < treeOffsets.Length; t++)
        {
            int end = t + 1 < treeOffsets.Length ? treeOffsets[t + 1] : nodes.Length;
            for (int i = treeOffsets[t]; i < end; i++)
            {
                if (nodes[i].Feature >= 0)
                {
                    depths[nodes[i].Left] = depths[i] + 1;
                    depths[nodes[i].Right] = depths[i] + 1;
                    treeDepths[t] = Math.Max(treeDepths[t], depths[i] + 1);
                }
            }
        }

        return treeDepths;
    }

    private double ComputeExpectedSum(double[] covers)
    {
        double sum = 0;
        for (int t = 0; t < TreeOffsets.Length; t++)
        {
            int begin = TreeOffsets[t];
            int end = t + 1 < TreeOffsets.Length ? TreeOffsets[t + 1] : Nodes.Length;
            double tree = 0;
            for (int i = begin; i < end; i++)
            {
                if (Nodes[i].Feature < 0)
                {
                    tree += covers[i] * Nodes[i].Value;
                }
            }

            sum += tree / covers[begin];
        }

        return sum;
    }
}
