namespace Sextant.Learners.GradientBoosting;

/// <summary>
/// A node of the tree being grown. Internal nodes split on a bin; leaves own the rows
/// <c>Start..Start+Count</c> of <see cref="TreeGrower.Rows"/> and carry the gradient sums their value comes from.
/// </summary>
internal struct GrowingNode
{
    public int Feature;
    public int Bin;
    public bool DefaultLeft;
    public int Left;
    public int Right;
    public double Gain;
    public int Start;
    public int Count;
    public double SumGradient;
    public double SumHessian;
    public double Value;

    public readonly bool IsLeaf => Feature < 0;
}
