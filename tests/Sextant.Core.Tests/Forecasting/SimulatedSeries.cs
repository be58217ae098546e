namespace Sextant.Core.Tests.Forecasting;

/// <summary>Seeded simulated series with reference fits from R (bench/Sextant.Bench forecast writes them for R too).</summary>
internal static class SimulatedSeries
{
    /// <summary>A daily price-like series: level 10, a weekly pattern, AR(1) noise and a slow random walk.</summary>
    public static double[] Daily(int n, int seed)
    {
        var random = new Random(seed);
        double[] week = [0.4, 0.1, -0.2, -0.3, -0.1, 0.2, -0.1];
        var values = new double[n];
        double ar = 0, walk = 0;
        for (var t = 0; t < n; t++)
        {
            ar = (0.6 * ar) + (0.3 * Gaussian(random));
            walk += 0.05 * Gaussian(random);
            values[t] = 10 + walk + week[t % 7] + ar;
        }

        return values;
    }

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
