namespace Sextant.Learners.GradientBoosting;

/// <summary>A leaf that may still be split: its node, depth, histogram slot (-1 when it will not split) and best split.</summary>
internal struct LeafState
{
    public int Node;
    public int Depth;
    public int HistogramSlot;
    public SplitCandidate Best;
}
