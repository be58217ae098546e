namespace Sextant.Examples;

/// <summary>Draws from the few distributions the example generators need, all from one seeded <see cref="Random"/>.</summary>
internal static class RandomExtensions
{
    /// <summary>A standard normal draw (Box-Muller); two uniforms per call keeps the stream easy to reason about.</summary>
    public static double NextGaussian(this Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static double NextGaussian(this Random random, double mean, double standardDeviation) =>
        mean + (standardDeviation * random.NextGaussian());

    public static double NextLogNormal(this Random random, double median, double sigma) =>
        median * Math.Exp(sigma * random.NextGaussian());

    public static double NextUniform(this Random random, double min, double max) =>
        min + ((max - min) * random.NextDouble());

    public static bool NextBool(this Random random, double probability) => random.NextDouble() < probability;

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>An index drawn with probability proportional to its (non-negative) weight.</summary>
    public static int NextWeightedIndex(this Random random, ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var weight in weights)
        {
            total += weight;
        }

        var target = random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
