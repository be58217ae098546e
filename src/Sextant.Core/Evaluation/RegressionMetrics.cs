using System.Globalization;

namespace Sextant.Evaluation;

/// <summary>Regression error metrics of predictions against actual values.</summary>
/// <param name="Rmse">The root mean squared error.</param>
/// <param name="Mae">The mean absolute error.</param>
/// <param name="R2">
/// The coefficient of determination <c>1 - SS_res / SS_tot</c>. When every actual value is equal (SS_tot = 0) it is 1 for
/// perfect predictions and 0 otherwise, as scikit-learn's <c>r2_score</c> does.
/// </param>
/// <param name="Mape">
/// The mean absolute percentage error <c>100 * mean(|p - a| / |a|)</c>, in percent. Rows with <c>|a| &lt; 1e-12</c> are
/// skipped because the ratio is undefined there; NaN when no row remains.
/// </param>
/// <param name="Smape">
/// The symmetric mean absolute percentage error <c>100 * mean(2 |p - a| / (|a| + |p|))</c>, in percent (0 to 200);
/// a row where both values are 0 contributes 0, so it is safe near zero.
/// </param>
/// <param name="Count">The number of rows.</param>
public sealed record RegressionMetrics(double Rmse, double Mae, double R2, double Mape, double Smape, int Count)
{
    /// <summary>The smallest |actual| that MAPE divides by; rows below it are left out of MAPE.</summary>
    public const double MapeMinimumActual = 1e-12;

    /// <summary>Computes every metric of <paramref name="predicted"/> against <paramref name="actual"/>.</summary>
    /// <param name="actual">The true values; finite, at least one.</param>
    /// <param name="predicted">The predictions, one per actual value; finite.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentException">The lengths differ, are zero, or a value is NaN or infinite.</exception>
    public static RegressionMetrics Compute(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        if (actual.IsEmpty)
        {
            throw new ArgumentException("At least one value is needed to compute metrics.", nameof(actual));
        }

        if (predicted.Length != actual.Length)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"predicted has {predicted.Length} values but actual has {actual.Length}."),
                nameof(predicted));
        }

        RequireFinite(actual, nameof(actual));
        RequireFinite(predicted, nameof(predicted));

        int n = actual.Length;
        double actualSum = 0;
        for (int i = 0; i < n; i++)
        {
            actualSum += actual[i];
        }

        double actualMean = actualSum / n;
        double squaredError = 0;
        double absoluteError = 0;
        double totalSquares = 0;
        double percentageSum = 0;
        int percentageCount = 0;
        double symmetricSum = 0;
        for (int i = 0; i < n; i++)
        {
            double a = actual[i];
            double error = predicted[i] - a;
            double magnitude = Math.Abs(error);
            squaredError += error * error;
            absoluteError += magnitude;
            double deviation = a - actualMean;
            totalSquares += deviation * deviation;

            if (Math.Abs(a) >= MapeMinimumActual)
            {
                percentageSum += magnitude / Math.Abs(a);
                percentageCount++;
            }

            double scale = Math.Abs(a) + Math.Abs(predicted[i]);
            if (scale > 0)
            {
                symmetricSum += 2 * magnitude / scale;
            }
        }

        double r2 = totalSquares > 0
            ? 1 - (squaredError / totalSquares)
            : squaredError == 0 ? 1 : 0;

        return new RegressionMetrics(
            Rmse: Math.Sqrt(squaredError / n),
            Mae: absoluteError / n,
            R2: r2,
            Mape: percentageCount > 0 ? 100 * percentageSum / percentageCount : double.NaN,
            Smape: 100 * symmetricSum / n,
            Count: n);
    }

    private static void RequireFinite(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{name} contains {values[i]} at row {i} (zero-based); every value must be finite."),
                    name);
            }
        }
    }
}
