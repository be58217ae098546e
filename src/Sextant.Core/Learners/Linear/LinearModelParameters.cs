using System.Globalization;

namespace Sextant.Learners.Linear;

/// <summary>The parameter checks and the linear predictor shared by the linear models.</summary>
internal static class LinearModelParameters
{
    /// <summary>Checks the parameters are finite and returns a private copy of the coefficients.</summary>
    public static double[] Copy(double intercept, IReadOnlyList<double> coefficients)
    {
        if (!double.IsFinite(intercept))
        {
            throw new ArgumentException(Format($"The intercept is {intercept}; it must be finite."), nameof(intercept));
        }

        if (coefficients.Count == 0)
        {
            throw new ArgumentException("A linear model needs at least one coefficient.", nameof(coefficients));
        }

        var copy = new double[coefficients.Count];
        for (int j = 0; j < copy.Length; j++)
        {
            double c = coefficients[j];
            if (!double.IsFinite(c))
            {
                throw new ArgumentException(Format($"Coefficient {j} is {c}; every coefficient must be finite."), nameof(coefficients));
            }

            copy[j] = c;
        }

        return copy;
    }

    /// <summary><c>intercept + coefficients . row</c>, summed left to right so every caller gets identical bits.</summary>
    public static double LinearPredictor(double intercept, ReadOnlySpan<double> coefficients, ReadOnlySpan<double> row)
    {
        double sum = intercept;
        for (int j = 0; j < coefficients.Length; j++)
        {
            sum += coefficients[j] * row[j];
        }

        return sum;
    }

    /// <summary>Throws when a batch's shapes do not match the model.</summary>
    public static void ValidateBatch(ReadOnlySpan<double> features, int rows, int columns, int destinationLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if ((long)rows * columns != features.Length)
        {
            throw new ArgumentException(
                Format($"features has {features.Length} values but rows x features = {rows} x {columns} = {(long)rows * columns}."),
                nameof(features));
        }

        if (destinationLength < rows)
        {
            throw new ArgumentException(Format($"destination has {destinationLength} slots but there are {rows} rows."), "destination");
        }
    }

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
