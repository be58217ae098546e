using MathNet.Numerics.Distributions;

namespace Sextant.Forecasting.Risk;

/// <summary>The lower tail of a unit-variance innovation: normal, or Student-t rescaled by <c>sqrt((nu - 2) / nu)</c>.</summary>
internal static class Innovation
{
    /// <summary>The quantile at probability <paramref name="tail"/> of the unit-variance innovation.</summary>
    public static double Quantile(GarchDistribution distribution, double shape, double tail) =>
        distribution == GarchDistribution.Normal
            ? Normal.InvCDF(0, 1, tail)
            : StudentT.InvCDF(0, 1, shape, tail) * Math.Sqrt((shape - 2) / shape);

    /// <summary>
    /// The mean of the unit-variance innovation below its <paramref name="tail"/> quantile, <c>E[Z | Z &lt;= q]</c>:
    /// <c>-phi(z) / tail</c> for the normal, and for the t with <c>t = F^-1(tail)</c> of the standard t,
    /// <c>-f(t) (nu + t^2) / ((nu - 1) tail)</c> rescaled to unit variance.
    /// </summary>
    public static double TailMean(GarchDistribution distribution, double shape, double tail)
    {
        if (distribution == GarchDistribution.Normal)
        {
            double z = Normal.InvCDF(0, 1, tail);
            return -Normal.PDF(0, 1, z) / tail;
        }

        double t = StudentT.InvCDF(0, 1, shape, tail);
        double standardTailMean = -StudentT.PDF(0, 1, shape, t) * (shape + (t * t)) / ((shape - 1) * tail);
        return standardTailMean * Math.Sqrt((shape - 2) / shape);
    }
}
