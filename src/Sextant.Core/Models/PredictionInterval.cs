namespace Sextant.Models;

/// <summary>
/// A split-conformal prediction interval: prediction ± <see cref="HalfWidth"/>, where the half-width is the
/// finite-sample-corrected <see cref="Coverage"/> quantile of absolute residuals on calibration rows the model never saw.
/// </summary>
/// <param name="Coverage">The nominal coverage, e.g. 0.8 for p10/p90.</param>
/// <param name="Method">How it was made: <c>split_conformal</c>.</param>
/// <param name="HalfWidth">Half the interval width, in target units.</param>
/// <param name="CalibrationRows">Rows used to calibrate.</param>
/// <param name="TestCoverage">The share of held-out test rows inside their interval.</param>
public sealed record PredictionInterval(double Coverage, string Method, double HalfWidth, int CalibrationRows, double? TestCoverage = null)
{
    /// <summary>Calibrates on actual and predicted values of calibration rows.</summary>
    public static PredictionInterval Calibrate(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted, double coverage)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(coverage, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(coverage, 1);
        if (actual.Length != predicted.Length || actual.IsEmpty)
        {
            throw new ArgumentException("Calibration needs matching, non-empty actual and predicted values.", nameof(actual));
        }

        var residuals = new double[actual.Length];
        for (var i = 0; i < residuals.Length; i++)
        {
            residuals[i] = Math.Abs(actual[i] - predicted[i]);
        }

        Array.Sort(residuals);
        // The ceil((n+1)c)-th smallest residual gives coverage of at least c on exchangeable new rows.
        var k = (int)Math.Ceiling((residuals.Length + 1) * coverage);
        return new PredictionInterval(coverage, "split_conformal", residuals[Math.Min(k, residuals.Length) - 1], residuals.Length);
    }

    /// <summary>The name of the lower bound as a percentile, e.g. <c>p10</c> for 80% coverage.</summary>
    public string LowerName => PercentileName((1 - Coverage) / 2);

    /// <summary>The name of the upper bound as a percentile, e.g. <c>p90</c> for 80% coverage.</summary>
    public string UpperName => PercentileName((1 + Coverage) / 2);

    public double Lower(double prediction) => prediction - HalfWidth;

    public double Upper(double prediction) => prediction + HalfWidth;

    /// <summary>The share of rows whose actual value lies inside its interval.</summary>
    public double CoverageOf(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        var inside = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            if (Math.Abs(actual[i] - predicted[i]) <= HalfWidth)
            {
                inside++;
            }
        }

        return actual.IsEmpty ? double.NaN : (double)inside / actual.Length;
    }

    private static string PercentileName(double quantile) =>
        "p" + Math.Round(quantile * 100, 2).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
