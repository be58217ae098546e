namespace Sextant.Learners.GradientBoosting;

/// <summary>
/// The best split found for a leaf: rows of <see cref="Feature"/> in bins <c>0..Bin</c> go left, missing values go
/// left when <see cref="DefaultLeft"/>, and the sums of both sides. A <see cref="Categorical"/> split sends the value
/// bins in <see cref="LeftBins"/> left instead of those up to <see cref="Bin"/>.
/// </summary>
internal struct SplitCandidate
{
    public int Feature;
    public int Bin;
    public bool DefaultLeft;
    public bool Categorical;
    public BinSet LeftBins;
    public double Gain;
    public double LeftGradient;
    public double LeftHessian;
    public int LeftCount;
    public double RightGradient;
    public double RightHessian;
    public int RightCount;

    public static SplitCandidate None => new() { Feature = -1, Gain = double.NegativeInfinity };

    public readonly bool IsValid => Feature >= 0 && Gain > 0;
}
