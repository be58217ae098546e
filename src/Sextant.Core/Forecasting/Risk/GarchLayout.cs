namespace Sextant.Forecasting.Risk;

/// <summary>
/// Where each parameter sits in a parameter vector <c>[mu?, omega, alpha, beta, shape?]</c>: mu only with a constant
/// mean, shape only with Student-t innovations (fGarch's order and names).
/// </summary>
internal readonly record struct GarchLayout(bool IncludeMean, bool StudentT)
{
    public int Mu => IncludeMean ? 0 : -1;

    public int Omega => IncludeMean ? 1 : 0;

    public int Alpha => Omega + 1;

    public int Beta => Omega + 2;

    public int Shape => StudentT ? Omega + 3 : -1;

    public int Count => (IncludeMean ? 1 : 0) + 3 + (StudentT ? 1 : 0);

    public string Name(int index) =>
        index == Mu ? "mu"
        : index == Omega ? "omega"
        : index == Alpha ? "alpha1"
        : index == Beta ? "beta1"
        : index == Shape ? "shape"
        : throw new ArgumentOutOfRangeException(nameof(index), index, "No parameter at this index.");
}
