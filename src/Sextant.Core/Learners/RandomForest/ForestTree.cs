using Sextant.Learners.GradientBoosting;

namespace Sextant.Learners.RandomForest;

/// <summary>
/// One grown tree of a forest before the trees are packed together: its nodes root first (child indices local to the
/// tree), each split's threshold bin (to walk binned training rows), the nodes' covers, the tree's split gain per
/// feature, and which training rows were in its sample (bit <c>row % 64</c> of word <c>row / 64</c>).
/// </summary>
internal sealed class ForestTree
{
    public required FlatTreeNode[] Nodes { get; init; }

    public required byte[] Bins { get; init; }

    public required double[] Covers { get; init; }

    public required double[] Importances { get; init; }

    public required ulong[] InSample { get; init; }

    public bool Sampled(int row) => (InSample[row >> 6] & (1UL << (row & 63))) != 0;
}
