namespace Sextant.Learners.GradientBoosting;

/// <summary>The sums over the rows of one leaf that fall in one bin of one feature.</summary>
internal struct HistogramBin
{
    public double Gradient;
    public double Hessian;
    public int Count;
}
