using System.Globalization;

namespace Sextant.Schema;

/// <summary>
/// The soft limits of a feature: what its data was seen to hold (<see cref="FeatureDefinition.ObservedMin"/>,
/// <see cref="FeatureDefinition.ObservedMax"/>, <see cref="FeatureDefinition.ObservedValues"/>). A value outside them
/// is still scored; the finding is a warning, never an error.
/// </summary>
public static class ObservedLimits
{
    /// <summary>The warning type of a numeric value outside the observed range.</summary>
    public const string OutsideRange = "outside_observed";

    /// <summary>The warning type of a category that was not observed.</summary>
    public const string UnseenCategory = "unseen_category";

    /// <summary>How far outside the observed range a numeric value is, and the message; <see langword="null"/> inside.</summary>
    public static (double Distance, string Message)? Numeric(FeatureDefinition feature, double value)
    {
        ArgumentNullException.ThrowIfNull(feature);
        if (feature.ObservedMin is { } min && value < min)
        {
            return (min - value, string.Create(CultureInfo.InvariantCulture, $"{value} is below the lowest value training saw ({min}) by {Round(min - value)}; scored anyway."));
        }

        if (feature.ObservedMax is { } max && value > max)
        {
            return (value - max, string.Create(CultureInfo.InvariantCulture, $"{value} is above the highest value training saw ({max}) by {Round(value - max)}; scored anyway."));
        }

        return null;
    }

    /// <summary>The message for a category that was not observed; <see langword="null"/> when it was (or nothing was recorded).</summary>
    public static string? Category(FeatureDefinition feature, string value)
    {
        ArgumentNullException.ThrowIfNull(feature);
        if (feature.ObservedValues is not { } seen || seen.Contains(value, StringComparer.Ordinal))
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture, $"'{value}' is not among the {seen.Count} categories training saw; scored as the model scores an unknown category.");
    }

    // Differences of doubles print their binary noise (32.55 - 32.54 = 0.010000000000001563): 6 significant digits say enough.
    private static double Round(double distance) => double.Parse(distance.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
