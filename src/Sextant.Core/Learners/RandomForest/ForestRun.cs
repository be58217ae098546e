using Sextant.Evaluation;
using Sextant.Learners.GradientBoosting;

namespace Sextant.Learners.RandomForest;

/// <summary>
/// The state of one call to <see cref="RandomForestTrainer.Fit(ReadOnlySpan{double}, int, int, ReadOnlySpan{double}, RandomForestOptions, IProgress{FitProgress}, CancellationToken)"/>: trees grown in parallel, each from its own generator
/// seeded by (seed, tree index), so the forest is the same whatever the thread count; then the trees are packed and
/// scored out of bag.
/// </summary>
internal sealed class ForestRun
{
    // Out-of-bag predictions walk the trees for blocks of this many rows per parallel task.
    private const int OutOfBagBlockRows = 1024;

    private readonly BinnedFeatures _data;
    private readonly double[] _target;
    private readonly RandomForestOptions _options;
    private readonly ParallelOptions _parallel;
    private readonly int[] _allFeatures;
    private readonly int _featuresPerSplit;
    private readonly int _smallLeafRows;

    public ForestRun(BinnedFeatures data, double[] target, RandomForestOptions options, ParallelOptions parallel, int smallLeafRows)
    {
        _smallLeafRows = smallLeafRows;
        _data = data;
        _target = target;
        _options = options;
        _parallel = parallel;
        _allFeatures = new int[data.Features];
        for (int f = 0; f < _allFeatures.Length; f++)
        {
            _allFeatures[f] = f;
        }

        _featuresPerSplit = options.EffectiveMaxFeatures.CountOf(data.Features);
    }

    /// <summary>A well-mixed seed for tree <paramref name="tree"/> (SplitMix64 of the pair), so neighbouring trees share no stream.</summary>
    internal static int TreeSeed(int seed, int tree)
    {
        ulong z = ((ulong)(uint)seed << 32) | (uint)tree;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }

    public RandomForestModel Run(FitProgressThrottle progress, CancellationToken cancellationToken)
    {
        var trees = new ForestTree?[_options.Trees];

        // Each worker owns a grower and its buffers; what a tree looks like depends only on its own seed.
        var inner = new ParallelOptions { MaxDegreeOfParallelism = 1 };
        var outer = new ParallelOptions { MaxDegreeOfParallelism = _parallel.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        int done = 0;
        Parallel.For(
            0,
            trees.Length,
            outer,
            () => new TreeWorker(_data, _options, inner, _smallLeafRows),
            (t, _, worker) =>
            {
                trees[t] = worker.Grow(_target, _allFeatures, _featuresPerSplit, new Random(TreeSeed(_options.Seed, t)), _options);
                progress.Report(new FitProgress(Interlocked.Increment(ref done), trees.Length));
                return worker;
            },
            _ => { });

        return Pack(trees, ScoreOutOfBag(trees));
    }

    private OutOfBagScore? ScoreOutOfBag(ForestTree?[] trees)
    {
        int rows = _data.Rows;
        var sums = new double[rows];
        var counts = new int[rows];
        int blocks = (rows + OutOfBagBlockRows - 1) / OutOfBagBlockRows;

        // Each row sums its trees in tree order, so the scores do not depend on the thread count.
        Parallel.For(0, blocks, _parallel, b =>
        {
            int end = Math.Min(rows, (b + 1) * OutOfBagBlockRows);
            for (int row = b * OutOfBagBlockRows; row < end; row++)
            {
                double sum = 0;
                int count = 0;
                foreach (ForestTree? tree in trees)
                {
                    if (!tree!.Sampled(row))
                    {
                        sum += PredictBinned(tree, row);
                        count++;
                    }
                }

                sums[row] = sum;
                counts[row] = count;
            }
        });

        var labels = new List<double>();
        var predictions = new List<double>();
        for (int row = 0; row < rows; row++)
        {
            if (counts[row] > 0)
            {
                labels.Add(_target[row]);
                predictions.Add(sums[row] / counts[row]);
            }
        }

        if (labels.Count == 0)
        {
            return null;
        }

        if (_options.Task == RandomForestTask.Classification)
        {
            int correct = 0;
            for (int i = 0; i < labels.Count; i++)
            {
                correct += (predictions[i] > 0.5 ? 1.0 : 0.0) == labels[i] ? 1 : 0;
            }

            ClassificationMetrics metrics = ClassificationMetrics.Compute(labels.ToArray(), predictions.ToArray());
            return new OutOfBagScore { Rows = labels.Count, Accuracy = (double)correct / labels.Count, RocAuc = metrics.RocAuc };
        }

        double mean = labels.Average();
        double residual = 0;
        double total = 0;
        for (int i = 0; i < labels.Count; i++)
        {
            double e = labels[i] - predictions[i];
            double d = labels[i] - mean;
            residual += e * e;
            total += d * d;
        }

        return new OutOfBagScore { Rows = labels.Count, R2 = total > 0 ? 1 - (residual / total) : double.NaN };
    }

    /// <summary>The value of a tree for one training row, walking bins; identical to walking raw values with the thresholds.</summary>
    private double PredictBinned(ForestTree tree, int row)
    {
        FlatTreeNode[] nodes = tree.Nodes;
        int i = 0;
        while (nodes[i].Feature >= 0)
        {
            ref readonly FlatTreeNode node = ref nodes[i];
            int bin = _data.Bins[node.Feature][row];
            i = bin == _data.BinCounts[node.Feature] ? node.Missing : bin <= tree.Bins[i] ? node.Left : node.Right;
        }

        return nodes[i].Value;
    }

    private RandomForestModel Pack(ForestTree?[] trees, OutOfBagScore? outOfBag)
    {
        int total = 0;
        foreach (ForestTree? tree in trees)
        {
            total += tree!.Nodes.Length;
        }

        var offsets = new int[trees.Length];
        var nodes = new FlatTreeNode[total];
        var covers = new double[total];
        var importances = new double[_data.Features];
        int offset = 0;
        for (int t = 0; t < trees.Length; t++)
        {
            ForestTree tree = trees[t]!;
            offsets[t] = offset;
            tree.Covers.CopyTo(covers, offset);
            for (int i = 0; i < tree.Nodes.Length; i++)
            {
                FlatTreeNode node = tree.Nodes[i];
                nodes[offset + i] = node.Feature < 0
                    ? node
                    : node with { Left = offset + node.Left, Right = offset + node.Right, Missing = offset + node.Missing };
            }

            for (int f = 0; f < importances.Length; f++)
            {
                importances[f] += tree.Importances[f];
            }

            offset += tree.Nodes.Length;

            // Packed trees can go: a fully grown forest is large.
            trees[t] = null;
        }

        for (int f = 0; f < importances.Length; f++)
        {
            importances[f] /= trees.Length;
        }

        return new RandomForestModel(_options.Task, FlatTreeEnsemble.FromNodes(_data.Features, offsets, nodes, covers), importances, outOfBag);
    }
}
