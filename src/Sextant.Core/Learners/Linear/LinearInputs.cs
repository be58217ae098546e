using System.Globalization;

namespace Sextant.Learners.Linear;

/// <summary>Checks and summarises the row-major inputs shared by the linear trainers.</summary>
internal static class LinearInputs
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first problem with the shapes or values.</summary>
    /// <returns>The sum of the sample weights (the row count when no weights are given).</returns>
    public static double Validate(
        ReadOnlySpan<double> features,
        int rows,
        int columns,
        ReadOnlySpan<double> target,
        string targetName,
        ReadOnlySpan<double> sampleWeights)
    {
        if (rows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows, "At least one row is needed to fit a model.");
        }

        if (columns < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), columns, "At least one feature column is needed to fit a model.");
        }

        if ((long)rows * columns != features.Length)
        {
            throw new ArgumentException(
                Format($"features has {features.Length} values but rows x columns = {rows} x {columns} = {(long)rows * columns}; features must be row-major rows x columns."),
                nameof(features));
        }

        if (target.Length != rows)
        {
            throw new ArgumentException(Format($"{targetName} has {target.Length} values but there are {rows} rows."), targetName);
        }

        if (!sampleWeights.IsEmpty && sampleWeights.Length != rows)
        {
            throw new ArgumentException(
                Format($"sampleWeights has {sampleWeights.Length} values but there are {rows} rows (pass none for equal weights)."),
                nameof(sampleWeights));
        }

        for (int i = 0; i < features.Length; i++)
        {
            if (!double.IsFinite(features[i]))
            {
                throw new ArgumentException(
                    Format($"features contains {features[i]} at row {i / columns}, column {i % columns} (zero-based); every feature value must be finite."),
                    nameof(features));
            }
        }

        for (int i = 0; i < rows; i++)
        {
            if (!double.IsFinite(target[i]))
            {
                throw new ArgumentException(Format($"{targetName} contains {target[i]} at row {i} (zero-based); every value must be finite."), targetName);
            }
        }

        if (sampleWeights.IsEmpty)
        {
            return rows;
        }

        double sum = 0;
        for (int i = 0; i < rows; i++)
        {
            double w = sampleWeights[i];
            if (!double.IsFinite(w) || w < 0)
            {
                throw new ArgumentException(
                    Format($"sampleWeights contains {w} at row {i} (zero-based); every weight must be finite and >= 0."),
                    nameof(sampleWeights));
            }

            sum += w;
        }

        if (!(sum > 0) || !double.IsFinite(sum))
        {
            throw new ArgumentException("sampleWeights must have a finite, positive sum.", nameof(sampleWeights));
        }

        return sum;
    }

    /// <summary>The weight of a row: 1 when no weights are given.</summary>
    public static double Weight(ReadOnlySpan<double> sampleWeights, int row) => sampleWeights.IsEmpty ? 1.0 : sampleWeights[row];

    /// <summary>Writes the weighted mean of every column to <paramref name="means"/>.</summary>
    public static void ColumnMeans(
        ReadOnlySpan<double> features,
        int rows,
        int columns,
        ReadOnlySpan<double> sampleWeights,
        double weightSum,
        Span<double> means)
    {
        means.Clear();
        for (int i = 0; i < rows; i++)
        {
            double w = Weight(sampleWeights, i);
            ReadOnlySpan<double> row = features.Slice(i * columns, columns);
            for (int j = 0; j < columns; j++)
            {
                means[j] += w * row[j];
            }
        }

        for (int j = 0; j < columns; j++)
        {
            means[j] /= weightSum;
        }
    }

    /// <summary>
    /// Validates the inputs of a linear regression and returns the weight sum with the weighted column and target
    /// means (zeros without an intercept): what centring needs so the intercept is never penalised.
    /// </summary>
    public static (double WeightSum, double[] FeatureMeans, double TargetMean) Centring(
        ReadOnlySpan<double> features, int rows, int columns, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights, bool fitIntercept)
    {
        double weightSum = Validate(features, rows, columns, target, nameof(target), sampleWeights);
        var featureMeans = new double[columns];
        double targetMean = 0;
        if (fitIntercept)
        {
            ColumnMeans(features, rows, columns, sampleWeights, weightSum, featureMeans);
            targetMean = Mean(target, sampleWeights, weightSum);
        }

        return (weightSum, featureMeans, targetMean);
    }

    /// <summary>The weighted mean of <paramref name="values"/>.</summary>
    public static double Mean(ReadOnlySpan<double> values, ReadOnlySpan<double> sampleWeights, double weightSum)
    {
        double sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            sum += Weight(sampleWeights, i) * values[i];
        }

        return sum / weightSum;
    }

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
