using System.Globalization;
using Sextant.Models;
using Sextant.Monitoring.Feedback;
using Sextant.Projects;
using Sextant.Training;

namespace Sextant.Monitoring.Performance;

/// <summary>
/// Realised performance of a model version from the labelled predictions of a window: the task's metrics, the live
/// coverage of the served interval, a classifier's calibration and its CBPE estimate, each judged against the version's
/// test metrics under <see cref="PerformanceConfig"/>.
/// </summary>
public static class PerformanceMonitor
{
    private const int CalibrationBins = 10;

    /// <param name="predictor">The version whose predictions these are (task, class labels, threshold, interval).</param>
    /// <param name="reference">The version's test metrics (from the registry).</param>
    /// <param name="primaryMetric">The project's primary metric: judged with a 0.1 tolerance when none is configured.</param>
    /// <param name="config">The minimum of labels and the tolerances.</param>
    /// <param name="labelled">The window's labelled predictions of this version.</param>
    /// <param name="windowPredictions">Every prediction of the window, labelled or not (for CBPE).</param>
    public static PerformanceReport Evaluate(
        Predictor predictor, IReadOnlyDictionary<string, double> reference, string primaryMetric, PerformanceConfig config,
        LabelledPredictions labelled, ReadOnlySpan<double> windowPredictions)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(labelled);
        var task = predictor.Schema.Task;
        var threshold = predictor.Artifact.DecisionThreshold;
        var estimated = task == ProjectTask.Classification && windowPredictions.Length > 0
            ? new Dictionary<string, double>
            {
                ["accuracy"] = ConfidenceBasedEstimation.Accuracy(windowPredictions, threshold),
                ["roc_auc"] = ConfidenceBasedEstimation.RocAuc(windowPredictions),
            }
            : new Dictionary<string, double>();

        var (actual, predicted, lower, upper, unmatched) = Decode(predictor, labelled);
        var report = new PerformanceReport
        {
            Status = "no_labels",
            LabelledRows = actual.Length,
            UnmatchedLabels = unmatched,
            Reference = reference,
            Estimated = estimated,
            NominalCoverage = predictor.Artifact.Interval?.Coverage,
            Message = unmatched > 0
                ? $"no usable labels: {unmatched} actual value(s) are not among the classes {string.Join(", ", predictor.Artifact.ClassLabels ?? [])}"
                : "no labelled predictions in the window: send actual values to POST /feedback or 'sextant feedback'",
        };
        if (actual.Length == 0)
        {
            return report;
        }

        if (actual.Length < config.MinLabels)
        {
            return report with
            {
                Status = "not_enough_labels",
                Message = $"not enough labels: {actual.Length} labelled prediction(s), at least {config.MinLabels} needed (monitoring.performance.min_labels)",
            };
        }

        var metrics = Trainer.Score(task, actual, predicted, threshold);
        double? coverage = null;
        double? calibration = null;
        if (task == ProjectTask.Classification)
        {
            calibration = ExpectedCalibrationError(actual, predicted);
            metrics["calibration_error"] = calibration.Value;
        }
        else if (Enumerable.Range(0, actual.Length).Where(i => double.IsFinite(lower[i]) && double.IsFinite(upper[i])).ToArray() is { Length: > 0 } bounded)
        {
            coverage = Models.PredictionInterval.CoverageOf([.. bounded.Select(i => actual[i])], [.. bounded.Select(i => lower[i])], [.. bounded.Select(i => upper[i])]);
        }

        var degraded = new List<MetricDegradation>();
        var tolerances = config.Tolerances.Count > 0 ? config.Tolerances : new Dictionary<string, double> { [primaryMetric] = 0.1 };
        foreach (var (metric, tolerance) in tolerances)
        {
            if (!metrics.TryGetValue(metric, out var value) || !reference.TryGetValue(metric, out var expected) || double.IsNaN(value) || double.IsNaN(expected))
            {
                continue;
            }

            var lowerIsBetter = Trainer.LowerIsBetter(metric);
            var worsening = (lowerIsBetter ? value - expected : expected - value) / Math.Max(Math.Abs(expected), 1e-12);
            var limit = lowerIsBetter ? expected + tolerance * Math.Abs(expected) : expected - tolerance * Math.Abs(expected);
            if (worsening > tolerance)
            {
                degraded.Add(new MetricDegradation(metric, value, expected, limit, worsening));
            }
        }

        if (coverage is { } live && report.NominalCoverage is { } nominal && config.CoverageTolerance > 0 && Math.Abs(live - nominal) > config.CoverageTolerance)
        {
            degraded.Add(new MetricDegradation("coverage", live, nominal, config.CoverageTolerance, Math.Abs(live - nominal)));
        }

        var summary = string.Join(", ", tolerances.Keys.Where(metrics.ContainsKey).Select(m =>
            Invariant($"{m} {metrics[m]:G4}") + (reference.TryGetValue(m, out var r) ? Invariant($" (test {r:G4})") : "")));
        if (coverage is { } c)
        {
            summary += Invariant($", interval coverage {c:P1} (nominal {report.NominalCoverage:P0})");
        }

        return report with
        {
            Status = "checked",
            Metrics = metrics,
            Coverage = coverage,
            CalibrationError = calibration,
            Degraded = degraded,
            Message = (degraded.Count == 0 ? "performance within tolerance: " : "performance degraded: ") + summary +
                (degraded.Count == 0 ? "" : "; outside tolerance: " + string.Join(", ", degraded.Select(Describe))) +
                Invariant($" on {actual.Length} labelled prediction(s)"),
        };
    }

    /// <summary>A degradation in words: <c>rmse 1,234 vs test 1,000 (23.4% worse, limit 1,100)</c>.</summary>
    public static string Describe(MetricDegradation d) => d.Metric == "coverage"
        ? Invariant($"coverage {d.Value:P1} vs nominal {d.Reference:P0} (off by {d.Worsening * 100:F1} points, allowed {d.Limit * 100:F0})")
        : Invariant($"{d.Metric} {d.Value:G4} vs test {d.Reference:G4} ({d.Worsening:P1} worse, limit {d.Limit:G4})");

    // Actual values as numbers (a classifier's first label is 1), beside each row's prediction and served bounds (NaN when none).
    private static (double[] Actual, double[] Predicted, double[] Lower, double[] Upper, int Unmatched) Decode(Predictor predictor, LabelledPredictions labelled)
    {
        var kept = new List<int>(labelled.Rows);
        var actual = new List<double>(labelled.Rows);
        var labels = predictor.Artifact.ClassLabels;
        for (var i = 0; i < labelled.Rows; i++)
        {
            double value;
            if (predictor.Schema.Task == ProjectTask.Classification)
            {
                var text = labelled.Actuals[i].Trim();
                if (labels is not { Count: 2 } || !(text == labels[0] || text == labels[1]))
                {
                    continue;
                }

                value = text == labels[0] ? 1 : 0;
            }
            else if (!double.TryParse(labelled.Actuals[i], NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
            {
                continue;
            }

            kept.Add(i);
            actual.Add(value);
        }

        return ([.. actual], [.. kept.Select(i => labelled.Predictions[i])], [.. kept.Select(i => labelled.Lower[i])], [.. kept.Select(i => labelled.Upper[i])], labelled.Rows - kept.Count);
    }

    /// <summary>The expected calibration error: the row-weighted mean gap between mean probability and positive share over 10 equal-width bins.</summary>
    public static double ExpectedCalibrationError(ReadOnlySpan<double> labels, ReadOnlySpan<double> probabilities)
    {
        Span<double> sumP = stackalloc double[CalibrationBins];
        Span<double> sumY = stackalloc double[CalibrationBins];
        Span<int> count = stackalloc int[CalibrationBins];
        for (var i = 0; i < labels.Length; i++)
        {
            var bin = Math.Clamp((int)(probabilities[i] * CalibrationBins), 0, CalibrationBins - 1);
            sumP[bin] += probabilities[i];
            sumY[bin] += labels[i];
            count[bin]++;
        }

        var error = 0.0;
        for (var b = 0; b < CalibrationBins; b++)
        {
            if (count[b] > 0)
            {
                error += Math.Abs(sumP[b] - sumY[b]) / labels.Length;
            }
        }

        return error;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
