using System.Globalization;

namespace Sextant.Learners.RandomForest;

/// <summary>
/// How many features each split of a random forest tree considers: the square root of the feature count, or a fraction
/// of it (scikit-learn's <c>max_features</c>). Features that are constant in the leaf are drawn but do not count.
/// </summary>
public sealed record RandomForestMaxFeatures
{
    private RandomForestMaxFeatures(bool isSqrt, double fraction)
    {
        IsSqrt = isSqrt;
        Fraction = fraction;
    }

    /// <summary>Gets <c>max(1, floor(sqrt(features)))</c> per split: the classification default.</summary>
    public static RandomForestMaxFeatures Sqrt { get; } = new(true, double.NaN);

    /// <summary>Gets every feature at every split (bagged trees; scikit-learn's regression default).</summary>
    public static RandomForestMaxFeatures All { get; } = new(false, 1.0);

    /// <summary>
    /// Gets a third of the features per split, at least one: the regression default, as Breiman recommends and R's
    /// randomForest does (<c>mtry = p/3</c>). It decorrelates the trees; on California housing it beats every feature.
    /// </summary>
    public static RandomForestMaxFeatures Third { get; } = new(false, 1.0 / 3);

    /// <summary>Gets whether the count is the square root of the feature count.</summary>
    public bool IsSqrt { get; }

    /// <summary>Gets the fraction of the features, in (0, 1]; NaN for <see cref="Sqrt"/>.</summary>
    public double Fraction { get; }

    /// <summary>A fraction of the features per split: <c>max(1, floor(fraction * features))</c>.</summary>
    /// <param name="fraction">In (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is not in (0, 1].</exception>
    public static RandomForestMaxFeatures OfFraction(double fraction)
    {
        if (!(fraction > 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The fraction of features per split must be in (0, 1].");
        }

        return new RandomForestMaxFeatures(false, fraction);
    }

    /// <summary>Reads <c>sqrt</c> or a fraction in (0, 1] such as <c>0.5</c>.</summary>
    /// <exception cref="FormatException">The text is neither.</exception>
    public static RandomForestMaxFeatures Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        if (trimmed.Equals("sqrt", StringComparison.OrdinalIgnoreCase))
        {
            return Sqrt;
        }

        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double fraction) && fraction > 0 && fraction <= 1)
        {
            return OfFraction(fraction);
        }

        throw new FormatException($"max_features '{text}' is neither 'sqrt' nor a fraction in (0, 1].");
    }

    /// <summary>The number of features a split considers out of <paramref name="features"/>; at least 1.</summary>
    public int CountOf(int features) =>
        Math.Clamp(IsSqrt ? (int)Math.Sqrt(features) : (int)(Fraction * features), 1, Math.Max(1, features));

    /// <summary>Returns <c>sqrt</c> or the fraction, as <see cref="Parse"/> reads it.</summary>
    public override string ToString() => IsSqrt ? "sqrt" : Fraction.ToString("R", CultureInfo.InvariantCulture);
}
