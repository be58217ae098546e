namespace Sextant.Explain;

/// <summary>
/// One feature on the path TreeSHAP keeps from the root to the current node: the share of the training rows
/// (<see cref="ZeroFraction"/>) and of this row (<see cref="OneFraction"/>, 0 or 1) that the path's splits on the
/// feature let through, and the permutation weight of subsets of the size this element stands for.
/// </summary>
internal struct PathElement
{
    public int Feature;
    public double ZeroFraction;
    public double OneFraction;
    public double Weight;
}
