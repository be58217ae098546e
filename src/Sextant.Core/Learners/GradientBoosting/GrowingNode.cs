namespace Sextant.Learners.GradientBoosting;

/// <summary>
/// A node of the tree being grown. Internal nodes split on a bin (or a set of bins for a categorical split); leaves own the rows
/// <c>Start..Start+Count</c> of <see cref="TreeGrower.Rows"/> and carry the gradient sums their value comes from.
/// </summary>
internal struct GrowingNode
{
    public int Feature;
    public int Bin;
    public bool DefaultLeft;
    public bool Categorical;
    public BinSet LeftBins;
    public int Left;
    public int Right;
    public double Gain;
    public int Start;
    public int Count;
    public double SumGradient;
    public double SumHessian;
    public double Value;

    public readonly bool IsLeaf => Feature < 0;

    /// <summary>Whether a row in <paramref name="bin"/> goes left; <paramref name="missingBin"/> is the feature's missing bin.</summary>
    public readonly bool GoesLeft(int bin, int missingBin) =>
        bin == missingBin ? DefaultLeft : Categorical ? LeftBins.Contains(bin) : bin <= Bin;
}
