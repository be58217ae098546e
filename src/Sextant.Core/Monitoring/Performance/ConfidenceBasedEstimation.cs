namespace Sextant.Monitoring.Performance;

/// <summary>
/// Confidence-based performance estimation (CBPE, as NannyML describes it): with calibrated probabilities, the expected
/// confusion matrix of a window follows from the probabilities alone, so accuracy and ROC AUC can be estimated before
/// any label arrives. Each row contributes <c>p</c> of a positive and <c>1 - p</c> of a negative.
/// </summary>
public static class ConfidenceBasedEstimation
{
    /// <summary>The expected accuracy at <paramref name="threshold"/>: the mean of <c>p</c> over rows predicted positive and <c>1 - p</c> over the others.</summary>
    public static double Accuracy(ReadOnlySpan<double> probabilities, double threshold)
    {
        if (probabilities.IsEmpty)
        {
            return double.NaN;
        }

        var sum = 0.0;
        foreach (var p in probabilities)
        {
            sum += p >= threshold ? p : 1 - p;
        }

        return sum / probabilities.Length;
    }

    /// <summary>
    /// The expected ROC AUC: the ROC curve of expected true and false positive counts over every threshold (rows sorted
    /// by probability, ties taken together), integrated by the trapezoid rule. NaN when the expected positives or
    /// negatives are zero.
    /// </summary>
    public static double RocAuc(ReadOnlySpan<double> probabilities)
    {
        var sorted = probabilities.ToArray();
        Array.Sort(sorted);
        Array.Reverse(sorted);
        double positives = 0, negatives = 0;
        foreach (var p in sorted)
        {
            positives += p;
            negatives += 1 - p;
        }

        if (positives <= 0 || negatives <= 0)
        {
            return double.NaN;
        }

        double tp = 0, fp = 0, area = 0, lastTpr = 0, lastFpr = 0;
        for (var i = 0; i < sorted.Length;)
        {
            var j = i;
            while (j < sorted.Length && sorted[j] == sorted[i])
            {
                tp += sorted[j];
                fp += 1 - sorted[j];
                j++;
            }

            var tpr = tp / positives;
            var fpr = fp / negatives;
            area += (fpr - lastFpr) * (tpr + lastTpr) / 2;
            (lastTpr, lastFpr) = (tpr, fpr);
            i = j;
        }

        return area;
    }
}
