using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sextant.Learners.GradientBoosting;

/// <summary>The state of one call to <see cref="GradientBoostingTrainer.Fit(ReadOnlySpan{double}, int, int, ReadOnlySpan{double}, GradientBoostingOptions, ReadOnlySpan{double}, IProgress{FitProgress}, CancellationToken)"/>: the boosting loop.</summary>
internal sealed class BoostingRun
{
    private readonly BinnedFeatures _data;
    private readonly double[] _target;
    private readonly double[]? _weights;
    // Leaf sums and score updates run over fixed blocks of this many sampled rows.
    private const int RowBlock = 65_536;

    private readonly GradientBoostingOptions _options;
    private readonly ParallelOptions _parallel;
    private readonly GradientBoostingObjective _objective;
    private readonly TreeGrower _grower;
    private readonly Random _random;
    private readonly double[] _raw;
    private readonly double[] _gradients;
    private readonly double[] _hessians;
    private readonly int[] _allFeatures;
    private readonly List<int> _treeOffsets = [];
    private readonly List<int> _nodeFeatures = [];
    private readonly List<double> _nodeThresholds = [];
    private readonly List<int> _nodeLeft = [];
    private readonly List<int> _nodeRight = [];
    private readonly List<bool> _nodeDefaultLeft = [];
    private readonly List<double> _nodeValues = [];
    private readonly List<double> _nodeGains = [];
    private readonly List<double> _nodeCovers = [];
    private readonly List<int> _nodeCategorySets = [];
    private readonly List<ulong> _categorySets = [0];
    private int[] _trainRows = [];
    private int[] _validationRows = [];
    private int[] _sample = [];
    private bool[] _inSample = [];
    private byte[] _leafOf = [];
    private double[] _leafSums = [];
    private double[] _blockLeafSums = [];
    private double[] _leafValues = [];

    public BoostingRun(
        BinnedFeatures data,
        double[] target,
        double[]? weights,
        GradientBoostingOptions options,
        ParallelOptions parallel,
        bool subtractHistograms,
        bool carryRootHistogram = true)
    {
        _data = data;
        _target = target;
        _weights = weights;
        _options = options;
        _parallel = parallel;
        _objective = new GradientBoostingObjective(options);
        bool unitHessians = weights is null && options.Loss != GradientBoostingLoss.LogLoss;
        // Squared error on every row and feature: each row's gradient (score - target) moves by exactly its leaf's value,
        // so the root's histogram can be carried from round to round.
        bool sameRootEveryRound = options.RowSubsample >= 1 && FeatureCount(options.FeatureSubsample, data.Features) == data.Features;
        bool carry = carryRootHistogram && unitHessians && options.Loss == GradientBoostingLoss.SquaredError && sameRootEveryRound;
        _grower = new TreeGrower(data, options, parallel, subtractHistograms, unitHessians, carry);
        _random = new Random(options.Seed);
        _raw = new double[data.Rows];
        _gradients = new double[data.Rows];
        _hessians = new double[data.Rows];
        _allFeatures = new int[data.Features];
        for (int f = 0; f < _allFeatures.Length; f++)
        {
            _allFeatures[f] = f;
        }
    }

    public GradientBoostingModel Run(FitProgressThrottle progress, CancellationToken cancellationToken)
    {
        SplitValidationRows();
        if (_options.RowSubsample < 1)
        {
            _sample = new int[_trainRows.Length];
            _inSample = new bool[_data.Rows];
        }

        double baseScore = _objective.BaseScore(_target, _weights, _trainRows);
        Array.Fill(_raw, baseScore);

        bool validating = _validationRows.Length > 0;
        double bestLoss = validating ? _objective.MeanLoss(_target, _raw, _weights, _validationRows) : double.PositiveInfinity;
        double tolerance = _options.EarlyStopping?.Tolerance ?? 0;
        int patience = _options.EarlyStopping?.Patience ?? int.MaxValue;
        int bestTrees = 0;
        int sinceBest = 0;
        for (int round = 0; round < _options.Rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _objective.Gradients(_target, _raw, _weights, _gradients, _hessians, _parallel);
            ArraySegment<int> sample = DrawSample();
            _grower.Grow(_gradients, _hessians, sample, DrawFeatures());
            SetLeafValuesAndUpdateScores(sample);
            _grower.CarryRootHistogram();
            AppendTree();

            if (!validating)
            {
                bestTrees = round + 1;
                progress.Report(new FitProgress(round + 1, _options.Rounds));
                continue;
            }

            foreach (int row in _validationRows)
            {
                _raw[row] += PredictBinned(row);
            }

            double loss = _objective.MeanLoss(_target, _raw, _weights, _validationRows);
            progress.Report(new FitProgress(round + 1, _options.Rounds, loss));
            if (loss < bestLoss - tolerance)
            {
                bestLoss = loss;
                bestTrees = round + 1;
                sinceBest = 0;
            }
            else if (++sinceBest >= patience)
            {
                break;
            }
        }

        return BuildModel(baseScore, Math.Max(1, bestTrees));
    }

    private void SplitValidationRows()
    {
        int rows = _data.Rows;
        var all = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            all[i] = i;
        }

        int validation = _options.EarlyStopping is { } stopping ? (int)(stopping.ValidationFraction * rows) : 0;
        if (validation < 1 || validation >= rows)
        {
            _trainRows = all;
            return;
        }

        _random.Shuffle(all);
        _trainRows = all[..(rows - validation)];
        _validationRows = all[(rows - validation)..];
        Array.Sort(_trainRows);
        Array.Sort(_validationRows);
    }

    /// <summary>The rows this round's tree grows on: all training rows, or a Bernoulli sample of them in row order.</summary>
    private ArraySegment<int> DrawSample()
    {
        double fraction = _options.RowSubsample;
        if (fraction >= 1)
        {
            return _trainRows;
        }

        int count = 0;
        foreach (int row in _trainRows)
        {
            bool take = _random.NextDouble() < fraction;
            _inSample[row] = take;
            if (take)
            {
                _sample[count++] = row;
            }
        }

        if (count == 0)
        {
            int row = _trainRows[_random.Next(_trainRows.Length)];
            _inSample[row] = true;
            _sample[count++] = row;
        }

        return new ArraySegment<int>(_sample, 0, count);
    }

    private int[] DrawFeatures()
    {
        int count = FeatureCount(_options.FeatureSubsample, _allFeatures.Length);
        if (count >= _allFeatures.Length)
        {
            return _allFeatures;
        }

        int[] permutation = (int[])_allFeatures.Clone();
        for (int i = 0; i < count; i++)
        {
            int j = _random.Next(i, permutation.Length);
            (permutation[i], permutation[j]) = (permutation[j], permutation[i]);
        }

        int[] chosen = permutation[..count];
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>How many of <paramref name="features"/> each tree draws.</summary>
    private static int FeatureCount(double fraction, int features) => Math.Min(features, Math.Max(1, (int)Math.Round(fraction * features)));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SetLeafValuesAndUpdateScores(ArraySegment<int> sample)
    {
        Span<GrowingNode> nodes = _grower.Nodes;
        ReadOnlySpan<int> rows = _grower.Rows;
        double learningRate = _options.LearningRate;
        bool byRow = nodes.Length <= (2 * (byte.MaxValue + 1)) - 1 && !_objective.RefitsLeaves;
        int leaves = 0;
        if (byRow)
        {
            // Tag every sampled row with its leaf (a byte per row, which stays in cache), so that the sums and the score
            // updates below walk the rows in memory order instead of each leaf's scattered rows.
            if (_leafOf.Length == 0)
            {
                _leafOf = new byte[_data.Rows];
                _leafSums = new double[byte.MaxValue + 1];
                _leafValues = new double[byte.MaxValue + 1];
            }

            leaves = _grower.TagLeaves(_leafOf);

            if (_grower.Quantised)
            {
                // The split search saw rounded gradients; the leaves' values come from the exact ones (unit hessians).
                SumLeafGradients(sample, leaves);
            }
        }

        int leaf = 0;
        for (int i = 0; i < nodes.Length; i++)
        {
            ref GrowingNode node = ref nodes[i];
            if (!node.IsLeaf)
            {
                continue;
            }

            double step;
            if (_objective.RefitsLeaves)
            {
                step = _objective.RefitLeaf(_target, _raw, _weights, rows.Slice(node.Start, node.Count));
            }
            else
            {
                if (_grower.Quantised)
                {
                    node.SumGradient = byRow ? _leafSums[leaf] : SumGradients(rows.Slice(node.Start, node.Count));
                }

                double denominator = node.SumHessian + _options.L2;
                step = denominator > 0 ? -node.SumGradient / denominator : 0;
            }

            node.Value = learningRate * step;
            if (byRow)
            {
                _leafValues[leaf] = node.Value;
            }

            leaf++;
        }

        // Scores of the rows the tree grew on come from the partition; others walk the binned tree.
        if (byRow)
        {
            int blocks = (sample.Count + RowBlock - 1) / RowBlock;
            Parallel.For(0, blocks, _parallel, b =>
            {
                foreach (int row in sample.AsSpan(b * RowBlock, Math.Min(RowBlock, sample.Count - (b * RowBlock))))
                {
                    _raw[row] += _leafValues[_leafOf[row]];
                }
            });
        }
        else
        {
            for (int i = 0; i < nodes.Length; i++)
            {
                GrowingNode node = nodes[i];
                if (node.IsLeaf)
                {
                    foreach (int row in rows.Slice(node.Start, node.Count))
                    {
                        _raw[row] += node.Value;
                    }
                }
            }
        }

        if (sample.Count < _trainRows.Length)
        {
            foreach (int row in _trainRows)
            {
                if (!_inSample[row])
                {
                    _raw[row] += PredictBinned(row);
                }
            }
        }
    }

    /// <summary>
    /// The exact gradient sum of every leaf into <c>_leafSums[0..leaves]</c>: per fixed block of sampled rows (so the
    /// sums do not depend on the thread count), four interleaved sums per leaf (consecutive rows mostly share a leaf, and
    /// one running sum would make every add wait for the one before it), then the blocks added in order.
    /// </summary>
    private void SumLeafGradients(ArraySegment<int> sample, int leaves)
    {
        const int Stride = byte.MaxValue + 1;
        int blocks = (sample.Count + RowBlock - 1) / RowBlock;
        if (_blockLeafSums.Length < blocks * 4 * Stride)
        {
            _blockLeafSums = new double[blocks * 4 * Stride];
        }

        Parallel.For(0, blocks, _parallel, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (b) =>
        {
            Span<double> sums = _blockLeafSums.AsSpan(b * 4 * Stride, 4 * Stride);
            sums.Clear();
            ReadOnlySpan<int> rows = sample.AsSpan(b * RowBlock, Math.Min(RowBlock, sample.Count - (b * RowBlock)));
            int k = 0;
            for (; k + 4 <= rows.Length; k += 4)
            {
                sums[_leafOf[rows[k]]] += _gradients[rows[k]];
                sums[Stride + _leafOf[rows[k + 1]]] += _gradients[rows[k + 1]];
                sums[(2 * Stride) + _leafOf[rows[k + 2]]] += _gradients[rows[k + 2]];
                sums[(3 * Stride) + _leafOf[rows[k + 3]]] += _gradients[rows[k + 3]];
            }

            for (; k < rows.Length; k++)
            {
                sums[_leafOf[rows[k]]] += _gradients[rows[k]];
            }
        });

        for (int leaf = 0; leaf < leaves; leaf++)
        {
            double sum = 0;
            for (int b = 0; b < blocks; b++)
            {
                int offset = b * 4 * Stride;
                sum += _blockLeafSums[offset + leaf] + _blockLeafSums[offset + Stride + leaf]
                    + _blockLeafSums[offset + (2 * Stride) + leaf] + _blockLeafSums[offset + (3 * Stride) + leaf];
            }

            _leafSums[leaf] = sum;
        }
    }

    private double SumGradients(ReadOnlySpan<int> rows)
    {
        double sum = 0;
        foreach (int row in rows)
        {
            sum += _gradients[row];
        }

        return sum;
    }

    /// <summary>The value of the last tree for one row, walking bins; identical to walking raw values with the model's thresholds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double PredictBinned(int row)
    {
        ReadOnlySpan<GrowingNode> nodes = _grower.Nodes;
        int i = 0;
        while (!nodes[i].IsLeaf)
        {
            ref readonly GrowingNode node = ref nodes[i];
            int bin = _data.Bins[node.Feature][row];
            i = node.GoesLeft(bin, _data.BinCounts[node.Feature]) ? node.Left : node.Right;
        }

        return nodes[i].Value;
    }

    private void AppendTree()
    {
        int offset = _nodeFeatures.Count;
        _treeOffsets.Add(offset);
        foreach (GrowingNode node in _grower.Nodes)
        {
            _nodeCovers.Add(node.Count);
            if (node.IsLeaf)
            {
                _nodeFeatures.Add(-1);
                _nodeThresholds.Add(0);
                _nodeLeft.Add(0);
                _nodeRight.Add(0);
                _nodeDefaultLeft.Add(false);
                _nodeValues.Add(node.Value);
                _nodeGains.Add(0);
                _nodeCategorySets.Add(0);
            }
            else
            {
                _nodeFeatures.Add(node.Feature);
                _nodeThresholds.Add(node.Categorical ? 0 : _data.Threshold(node.Feature, node.Bin));
                _nodeCategorySets.Add(node.Categorical ? AppendCategorySets(node) : 0);
                _nodeLeft.Add(offset + node.Left);
                _nodeRight.Add(offset + node.Right);
                _nodeDefaultLeft.Add(node.DefaultLeft);
                _nodeValues.Add(0);
                _nodeGains.Add(node.Gain);
            }
        }
    }

    /// <summary>Appends a categorical split's code sets (word count, left bitset, right bitset) and returns their offset.</summary>
    private int AppendCategorySets(in GrowingNode node)
    {
        (ulong[] left, ulong[] right) = _data.CategorySplit(node.Feature, node.LeftBins);
        int offset = _categorySets.Count;
        _categorySets.Add((ulong)left.Length);
        _categorySets.AddRange(left);
        _categorySets.AddRange(right);
        return offset;
    }

    private GradientBoostingModel BuildModel(double baseScore, int trees)
    {
        int nodeEnd = trees < _treeOffsets.Count ? _treeOffsets[trees] : _nodeFeatures.Count;
        int setsEnd = 1;
        for (int i = 0; i < nodeEnd; i++)
        {
            int offset = _nodeCategorySets[i];
            if (offset != 0)
            {
                setsEnd = offset + 1 + (2 * (int)_categorySets[offset]);
            }
        }

        var importances = new double[_data.Features];
        for (int i = 0; i < nodeEnd; i++)
        {
            if (_nodeFeatures[i] >= 0)
            {
                importances[_nodeFeatures[i]] += _nodeGains[i];
            }
        }

        return new GradientBoostingModel(
            GradientBoostingModel.CurrentFormatVersion,
            _options.Loss,
            _data.Features,
            baseScore,
            _treeOffsets.GetRange(0, trees),
            Head(_nodeFeatures, nodeEnd),
            Head(_nodeThresholds, nodeEnd),
            Head(_nodeLeft, nodeEnd),
            Head(_nodeRight, nodeEnd),
            Head(_nodeDefaultLeft, nodeEnd),
            Head(_nodeValues, nodeEnd),
            importances,
            Head(_nodeCovers, nodeEnd),
            setsEnd > 1 ? Head(_nodeCategorySets, nodeEnd) : null,
            setsEnd > 1 ? Head(_categorySets, setsEnd) : null);
    }

    private static T[] Head<T>(List<T> list, int count) => CollectionsMarshal.AsSpan(list)[..count].ToArray();
}
