using System.Buffers;
using System.Globalization;

namespace Sextant.Evaluation;

/// <summary>Binary classification metrics of predicted probabilities against 0/1 labels.</summary>
/// <param name="Accuracy">The fraction of rows whose thresholded prediction equals the label.</param>
/// <param name="Precision">TP / (TP + FP) at <paramref name="Threshold"/>; 0 when nothing is predicted positive.</param>
/// <param name="Recall">TP / (TP + FN) at <paramref name="Threshold"/>; 0 when there are no positives.</param>
/// <param name="F1">The harmonic mean of precision and recall; 0 when both are 0.</param>
/// <param name="RocAuc">
/// The area under the ROC curve, the Mann-Whitney probability that a random positive scores above a random negative
/// (ties count one half); NaN when only one class is present.
/// </param>
/// <param name="PrAuc">
/// The average precision <c>sum_k (R_k - R_{k-1}) P_k</c> over the distinct thresholds, as scikit-learn's
/// <c>average_precision_score</c>; NaN when there are no positives.
/// </param>
/// <param name="LogLoss">The mean negative log-likelihood, with probabilities clipped to [1e-15, 1 - 1e-15].</param>
/// <param name="Threshold">The probability at or above which a row is predicted positive.</param>
/// <param name="Count">The number of rows.</param>
/// <param name="Positives">The number of rows labelled 1.</param>
public sealed record ClassificationMetrics(
    double Accuracy,
    double Precision,
    double Recall,
    double F1,
    double RocAuc,
    double PrAuc,
    double LogLoss,
    double Threshold,
    int Count,
    int Positives)
{
    /// <summary>Gets the Brier score: the mean squared difference between probability and label (lower is better calibrated and sharper).</summary>
    public double Brier { get; init; }

    /// <summary>The clipping bound applied to probabilities in <see cref="LogLoss"/>.</summary>
    public const double LogLossEpsilon = 1e-15;

    private const int StackallocThreshold = 256;

    /// <summary>Computes every metric of <paramref name="probabilities"/> against <paramref name="labels"/>.</summary>
    /// <param name="labels">The true labels, each exactly 0 or 1; at least one.</param>
    /// <param name="probabilities">The predicted probability of label 1 per row, in [0, 1].</param>
    /// <param name="threshold">A row is predicted positive when its probability is at or above this; in [0, 1].</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentException">The lengths differ or are zero, a label is not 0 or 1, a probability is outside [0, 1], or the threshold is.</exception>
    public static ClassificationMetrics Compute(ReadOnlySpan<double> labels, ReadOnlySpan<double> probabilities, double threshold = 0.5)
    {
        Validate(labels, probabilities, threshold);

        int n = labels.Length;
        int truePositives = 0;
        int falsePositives = 0;
        int positives = 0;
        double logLoss = 0;
        double brier = 0;
        for (int i = 0; i < n; i++)
        {
            brier += (probabilities[i] - labels[i]) * (probabilities[i] - labels[i]);
            bool positive = labels[i] == 1;
            bool predictedPositive = probabilities[i] >= threshold;
            if (positive)
            {
                positives++;
            }

            if (predictedPositive)
            {
                if (positive)
                {
                    truePositives++;
                }
                else
                {
                    falsePositives++;
                }
            }

            double p = Math.Clamp(probabilities[i], LogLossEpsilon, 1 - LogLossEpsilon);
            logLoss -= positive ? Math.Log(p) : Math.Log(1 - p);
        }

        int negatives = n - positives;
        int trueNegatives = negatives - falsePositives;
        double precision = truePositives + falsePositives > 0 ? (double)truePositives / (truePositives + falsePositives) : 0;
        double recall = positives > 0 ? (double)truePositives / positives : 0;
        double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        (double rocAuc, double prAuc) = RankingMetrics(labels, probabilities, positives);

        return new ClassificationMetrics(
            Accuracy: (double)(truePositives + trueNegatives) / n,
            Precision: precision,
            Recall: recall,
            F1: f1,
            RocAuc: rocAuc,
            PrAuc: prAuc,
            LogLoss: logLoss / n,
            Threshold: threshold,
            Count: n,
            Positives: positives)
        {
            Brier = brier / n,
        };
    }

    // Both ranking metrics from one sort by score; rows with tied scores are handled as a group, so the
    // (unstable) order inside a tie never matters.
    private static (double RocAuc, double PrAuc) RankingMetrics(ReadOnlySpan<double> labels, ReadOnlySpan<double> probabilities, int positives)
    {
        int n = labels.Length;
        int negatives = n - positives;
        if (positives == 0)
        {
            return (double.NaN, double.NaN);
        }

        double[]? rentedScores = null;
        double[]? rentedLabels = null;
        Span<double> scores = n <= StackallocThreshold ? stackalloc double[StackallocThreshold] : (rentedScores = ArrayPool<double>.Shared.Rent(n));
        Span<double> sortedLabels = n <= StackallocThreshold ? stackalloc double[StackallocThreshold] : (rentedLabels = ArrayPool<double>.Shared.Rent(n));
        scores = scores[..n];
        sortedLabels = sortedLabels[..n];
        try
        {
            probabilities.CopyTo(scores);
            labels.CopyTo(sortedLabels);
            scores.Sort(sortedLabels);

            // ROC AUC: rank-sum of positives with mid-ranks for ties (ascending order).
            double positiveRankSum = 0;
            for (int start = 0; start < n;)
            {
                int end = GroupEnd(scores, start);
                int groupPositives = CountPositives(sortedLabels[start..end]);
                double midRank = (start + 1 + end) / 2.0;
                positiveRankSum += groupPositives * midRank;
                start = end;
            }

            double rocAuc = negatives > 0
                ? (positiveRankSum - (positives * (positives + 1.0) / 2.0)) / ((double)positives * negatives)
                : double.NaN;

            // Average precision: walk thresholds from the highest score down (descending order).
            double averagePrecision = 0;
            double previousRecall = 0;
            int truePositives = 0;
            int seen = 0;
            for (int end = n; end > 0;)
            {
                int start = GroupStart(scores, end);
                truePositives += CountPositives(sortedLabels[start..end]);
                seen += end - start;
                double recall = (double)truePositives / positives;
                double precision = (double)truePositives / seen;
                averagePrecision += (recall - previousRecall) * precision;
                previousRecall = recall;
                end = start;
            }

            return (rocAuc, averagePrecision);
        }
        finally
        {
            if (rentedScores is not null)
            {
                ArrayPool<double>.Shared.Return(rentedScores);
            }

            if (rentedLabels is not null)
            {
                ArrayPool<double>.Shared.Return(rentedLabels);
            }
        }
    }

    private static int GroupEnd(ReadOnlySpan<double> sorted, int start)
    {
        int end = start + 1;
        while (end < sorted.Length && sorted[end] == sorted[start])
        {
            end++;
        }

        return end;
    }

    private static int GroupStart(ReadOnlySpan<double> sorted, int end)
    {
        int start = end - 1;
        while (start > 0 && sorted[start - 1] == sorted[end - 1])
        {
            start--;
        }

        return start;
    }

    private static int CountPositives(ReadOnlySpan<double> labels)
    {
        int count = 0;
        foreach (double label in labels)
        {
            if (label == 1)
            {
                count++;
            }
        }

        return count;
    }

    private static void Validate(ReadOnlySpan<double> labels, ReadOnlySpan<double> probabilities, double threshold)
    {
        if (labels.IsEmpty)
        {
            throw new ArgumentException("At least one label is needed to compute metrics.", nameof(labels));
        }

        if (probabilities.Length != labels.Length)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"probabilities has {probabilities.Length} values but labels has {labels.Length}."),
                nameof(probabilities));
        }

        if (!(threshold >= 0 && threshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold must be in [0, 1].");
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] != 0 && labels[i] != 1)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"labels contains {labels[i]} at row {i} (zero-based); every label must be 0 or 1."),
                    nameof(labels));
            }

            if (!(probabilities[i] >= 0 && probabilities[i] <= 1))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"probabilities contains {probabilities[i]} at row {i} (zero-based); every probability must be in [0, 1]."),
                    nameof(probabilities));
            }
        }
    }
}
