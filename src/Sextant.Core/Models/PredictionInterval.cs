using Sextant.Learners.GradientBoosting;

namespace Sextant.Models;

/// <summary>
/// A conformal prediction interval calibrated on rows the model never saw, with finite-sample coverage of at least
/// <see cref="Coverage"/> on exchangeable new rows. Two methods:
/// <list type="bullet">
/// <item><c>split_conformal</c>: prediction ± <see cref="HalfWidth"/>, the corrected <see cref="Coverage"/> quantile of
/// absolute calibration residuals; the same width everywhere.</item>
/// <item><c>cqr</c> (conformalised quantile regression, Romano et al. 2019): quantile boosting predicts the lower and
/// upper percentiles of each row, and <see cref="HalfWidth"/> is the conformal correction added to both sides (negative
/// when the quantile models were too wide); the width adapts to the row. The bounds always contain the prediction.</item>
/// </list>
/// </summary>
/// <param name="Coverage">The nominal coverage, e.g. 0.8 for p10/p90.</param>
/// <param name="Method"><c>split_conformal</c> or <c>cqr</c>.</param>
/// <param name="HalfWidth">split_conformal: half the interval width; cqr: the correction on each side; in target units.</param>
/// <param name="CalibrationRows">Rows used to calibrate.</param>
/// <param name="TestCoverage">The share of held-out test rows inside their interval.</param>
public sealed record PredictionInterval(double Coverage, string Method, double HalfWidth, int CalibrationRows, double? TestCoverage = null)
{
    /// <summary>The method name of split-conformal intervals.</summary>
    public const string SplitConformal = "split_conformal";

    /// <summary>The method name of conformalised quantile regression.</summary>
    public const string Cqr = "cqr";

    /// <summary>cqr: the quantile boosting model of the lower percentile.</summary>
    public GradientBoostingModel? LowerQuantile { get; init; }

    /// <summary>cqr: the quantile boosting model of the upper percentile.</summary>
    public GradientBoostingModel? UpperQuantile { get; init; }

    /// <summary>cqr: the mean width of the test rows' intervals (split_conformal: twice <see cref="HalfWidth"/>).</summary>
    public double? MeanWidth { get; init; }

    /// <summary>Whether the bounds depend on the row (cqr) rather than on the prediction alone.</summary>
    public bool IsAdaptive => LowerQuantile is not null && UpperQuantile is not null;

    /// <summary>Calibrates split-conformal intervals on actual and predicted values of calibration rows.</summary>
    public static PredictionInterval Calibrate(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted, double coverage)
    {
        CheckCalibration(actual, predicted.Length, coverage);
        var residuals = new double[actual.Length];
        for (var i = 0; i < residuals.Length; i++)
        {
            residuals[i] = Math.Abs(actual[i] - predicted[i]);
        }

        return new PredictionInterval(coverage, SplitConformal, ConformalQuantile(residuals, coverage), residuals.Length);
    }

    /// <summary>
    /// Calibrates conformalised quantile regression: the conformity score of a row is how far its actual value lies
    /// outside [lower, upper] (negative inside), and the correction is their corrected <paramref name="coverage"/> quantile.
    /// </summary>
    public static PredictionInterval CalibrateQuantiles(
        ReadOnlySpan<double> actual,
        ReadOnlySpan<double> lower,
        ReadOnlySpan<double> upper,
        double coverage,
        GradientBoostingModel lowerModel,
        GradientBoostingModel upperModel)
    {
        ArgumentNullException.ThrowIfNull(lowerModel);
        ArgumentNullException.ThrowIfNull(upperModel);
        CheckCalibration(actual, lower.Length, coverage);
        if (upper.Length != actual.Length)
        {
            throw new ArgumentException("Calibration needs one upper bound per row.", nameof(upper));
        }

        var scores = new double[actual.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = Math.Max(lower[i] - actual[i], actual[i] - upper[i]);
        }

        return new PredictionInterval(coverage, Cqr, ConformalQuantile(scores, coverage), scores.Length) { LowerQuantile = lowerModel, UpperQuantile = upperModel };
    }

    /// <summary>The name of the lower bound as a percentile, e.g. <c>p10</c> for 80% coverage.</summary>
    public string LowerName => PercentileName((1 - Coverage) / 2);

    /// <summary>The name of the upper bound as a percentile, e.g. <c>p90</c> for 80% coverage.</summary>
    public string UpperName => PercentileName((1 + Coverage) / 2);

    /// <summary>The bounds of one row: <paramref name="row"/> is the preprocessed row the prediction came from.</summary>
    public (double Lower, double Upper) Bounds(double prediction, ReadOnlySpan<double> row)
    {
        if (!IsAdaptive)
        {
            return (prediction - HalfWidth, prediction + HalfWidth);
        }

        var lower = LowerQuantile!.Predict(row) - HalfWidth;
        var upper = UpperQuantile!.Predict(row) + HalfWidth;
        // Widening to take in the point prediction never lowers coverage, and keeps p10 <= prediction <= p90.
        return (Math.Min(lower, prediction), Math.Max(upper, prediction));
    }

    /// <summary>The bounds of a batch of preprocessed rows (row-major, <paramref name="predictions"/>.Length rows).</summary>
    public (double[] Lower, double[] Upper) Bounds(ReadOnlySpan<double> predictions, ReadOnlySpan<double> rows)
    {
        var lower = new double[predictions.Length];
        var upper = new double[predictions.Length];
        var width = predictions.IsEmpty ? 0 : rows.Length / predictions.Length;
        for (var i = 0; i < predictions.Length; i++)
        {
            (lower[i], upper[i]) = Bounds(predictions[i], rows.Slice(i * width, width));
        }

        return (lower, upper);
    }

    /// <summary>The share of rows whose actual value lies inside its interval.</summary>
    public static double CoverageOf(ReadOnlySpan<double> actual, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        var inside = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            if (actual[i] >= lower[i] && actual[i] <= upper[i])
            {
                inside++;
            }
        }

        return actual.IsEmpty ? double.NaN : (double)inside / actual.Length;
    }

    // The ceil((n+1)c)-th smallest score gives coverage of at least c on exchangeable new rows.
    private static double ConformalQuantile(double[] scores, double coverage)
    {
        Array.Sort(scores);
        var k = (int)Math.Ceiling((scores.Length + 1) * coverage);
        return scores[Math.Min(k, scores.Length) - 1];
    }

    private static void CheckCalibration(ReadOnlySpan<double> actual, int predicted, double coverage)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(coverage, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(coverage, 1);
        if (actual.Length != predicted || actual.IsEmpty)
        {
            throw new ArgumentException("Calibration needs matching, non-empty actual and predicted values.", nameof(actual));
        }
    }

    private static string PercentileName(double quantile) =>
        "p" + Math.Round(quantile * 100, 2).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
