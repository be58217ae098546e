using Sextant.Learners.GradientBoosting;

namespace Sextant.Learners.RandomForest;

/// <summary>
/// The buffers one thread needs to grow forest trees, reused tree after tree: a grower, per-row weights and the sample.
/// A bootstrap sample is a multinomial draw of row counts used as weights, so rows are never copied: a row drawn k times
/// has gradient <c>-k * y</c> and hessian <c>k</c>, its leaf value is the weighted mean and its split gains are the
/// weighted squared-error reductions.
/// </summary>
internal sealed class TreeWorker
{
    // Leaves of at most this many rows are split by sorting rows, not through 2,000-odd histogram bins: most leaves of
    // a fully grown tree are small.
    internal const int SmallLeafRows = 128;

    private readonly BinnedFeatures _data;
    private readonly TreeGrower _grower;
    private readonly double[] _gradients;
    private readonly double[] _hessians;
    private readonly int[] _counts;
    private readonly int[] _sample;
    private readonly int[] _permutation;

    public TreeWorker(BinnedFeatures data, RandomForestOptions options, ParallelOptions parallel, int smallLeafRows)
    {
        _data = data;
        int rows = data.Rows;

        // Without a leaf limit a tree can have at most one leaf per MinSamplesLeaf distinct rows.
        int maxLeaves = Math.Max(1, Math.Min(options.MaxLeaves ?? int.MaxValue, rows / options.MinSamplesLeaf));
        _grower = new TreeGrower(
            data,
            maxLeaves,
            options.MaxDepth ?? int.MaxValue,
            options.MinSamplesLeaf,
            l2: 0,
            parallel,
            subtractHistograms: true,
            unitHessians: false,
            depthFirst: options.MaxLeaves is null,
            smallLeafRows);
        _gradients = new double[rows];
        _hessians = new double[rows];
        _counts = new int[rows];
        _sample = new int[rows];
        _permutation = options.Bootstrap ? [] : new int[rows];
    }

    /// <summary>Draws a tree's sample from <paramref name="random"/>, grows it and returns it with its leaf values set.</summary>
    public ForestTree Grow(double[] target, int[] features, int featuresPerSplit, Random random, RandomForestOptions options)
    {
        int rows = _data.Rows;
        int draws = Math.Max(1, (int)Math.Round(options.SampleFraction * rows));
        Array.Clear(_counts);
        if (options.Bootstrap)
        {
            for (int k = 0; k < draws; k++)
            {
                _counts[random.Next(rows)]++;
            }
        }
        else if (draws >= rows)
        {
            Array.Fill(_counts, 1);
        }
        else
        {
            for (int i = 0; i < rows; i++)
            {
                _permutation[i] = i;
            }

            for (int k = 0; k < draws; k++)
            {
                int j = random.Next(k, rows);
                (_permutation[k], _permutation[j]) = (_permutation[j], _permutation[k]);
                _counts[_permutation[k]] = 1;
            }
        }

        int sampled = 0;
        var inSample = new ulong[(rows + 63) >> 6];
        for (int row = 0; row < rows; row++)
        {
            int count = _counts[row];
            _gradients[row] = -count * target[row];
            _hessians[row] = count;
            if (count > 0)
            {
                _sample[sampled++] = row;
                inSample[row >> 6] |= 1UL << (row & 63);
            }
        }

        _grower.Grow(_gradients, _hessians, _sample.AsSpan(0, sampled), features, featuresPerSplit, random);
        return Flatten(inSample);
    }

    private ForestTree Flatten(ulong[] inSample)
    {
        ReadOnlySpan<GrowingNode> grown = _grower.Nodes;
        int n = grown.Length;
        var nodes = new FlatTreeNode[n];
        var bins = new byte[n];
        var covers = new double[n];
        var importances = new double[_data.Features];
        for (int i = 0; i < n; i++)
        {
            ref readonly GrowingNode node = ref grown[i];
            covers[i] = node.SumHessian;
            if (node.IsLeaf)
            {
                // The weighted mean target, -sum(-k * y) / sum(k); a zero sum gives +0, never -0.
                double value = node.SumGradient == 0 ? 0 : -node.SumGradient / node.SumHessian;
                nodes[i] = new FlatTreeNode(-1, 0, 0, 0, 0, value);
                continue;
            }

            nodes[i] = new FlatTreeNode(
                node.Feature,
                _data.Threshold(node.Feature, node.Bin),
                node.Left,
                node.Right,
                node.DefaultLeft ? node.Left : node.Right,
                0);
            bins[i] = (byte)node.Bin;
            importances[node.Feature] += node.Gain;
        }

        return new ForestTree { Nodes = nodes, Bins = bins, Covers = covers, Importances = importances, InSample = inSample };
    }
}
