namespace Sextant.Core.Tests.Learners.GradientBoosting;

/// <summary>Seeded synthetic data sets, row-major.</summary>
internal static class SyntheticData
{
    /// <summary>
    /// Friedman #1: <c>y = 10 sin(pi x0 x1) + 20 (x2 - 0.5)^2 + 10 x3 + 5 x4 + noise</c> with x uniform on [0, 1]^columns
    /// (columns beyond 5 are pure noise features).
    /// </summary>
    public static (double[] Features, double[] Target) Friedman1(int rows, int columns, double noise, int seed)
    {
        var random = new Random(seed);
        var x = new double[rows * columns];
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            Span<double> row = x.AsSpan(i * columns, columns);
            for (int j = 0; j < columns; j++)
            {
                row[j] = random.NextDouble();
            }

            y[i] = (10 * Math.Sin(Math.PI * row[0] * row[1])) + (20 * (row[2] - 0.5) * (row[2] - 0.5))
                + (10 * row[3]) + (5 * row[4]) + (noise * Gaussian(random));
        }

        return (x, y);
    }

    /// <summary>A standard normal draw (Box-Muller).</summary>
    public static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static double Rmse(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        double sum = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double d = actual[i] - predicted[i];
            sum += d * d;
        }

        return Math.Sqrt(sum / actual.Length);
    }
}
