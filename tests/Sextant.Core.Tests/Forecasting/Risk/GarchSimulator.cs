using Sextant.Forecasting.Risk;

namespace Sextant.Core.Tests.Forecasting.Risk;

/// <summary>Simulates GARCH(1,1) returns from a seeded generator, with normal or unit-variance Student-t innovations.</summary>
internal static class GarchSimulator
{
    /// <summary>Simulates <paramref name="n"/> returns after a burn-in of 500; <paramref name="shape"/> (whole, &gt; 2) only matters for the t.</summary>
    public static double[] Simulate(int n, double mu, double omega, double alpha, double beta, GarchDistribution distribution, int shape, int seed)
    {
        var random = new Random(seed);
        var returns = new double[n];
        double h = alpha + beta < 1 ? omega / (1 - alpha - beta) : omega * 100;
        const int BurnIn = 500;
        for (int t = -BurnIn; t < n; t++)
        {
            double z = distribution == GarchDistribution.Normal ? Gaussian(random) : StandardisedT(random, shape);
            double e = Math.Sqrt(h) * z;
            if (t >= 0)
            {
                returns[t] = mu + e;
            }

            h = omega + (alpha * e * e) + (beta * h);
        }

        return returns;
    }

    private static double Gaussian(Random random)
    {
        // Box-Muller; 1 - NextDouble() is in (0, 1], so the logarithm is finite.
        double u = 1 - random.NextDouble();
        double v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }

    private static double StandardisedT(Random random, int shape)
    {
        double chiSquare = 0;
        for (int i = 0; i < shape; i++)
        {
            double g = Gaussian(random);
            chiSquare += g * g;
        }

        return Gaussian(random) / Math.Sqrt(chiSquare / shape) * Math.Sqrt((shape - 2.0) / shape);
    }
}
