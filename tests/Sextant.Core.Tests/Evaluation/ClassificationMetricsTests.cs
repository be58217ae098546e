using Sextant.Evaluation;

namespace Sextant.Core.Tests.Evaluation;

public sealed class ClassificationMetricsTests
{
    // scikit-learn's documented example: roc_auc_score = 0.75, average_precision_score = 0.8333.
    private static readonly double[] s_labels = [0, 0, 1, 1];
    private static readonly double[] s_scores = [0.1, 0.4, 0.35, 0.8];

    [Fact]
    public void Compute_KnownExample_RocAucIsThreeQuarters()
    {
        ClassificationMetrics metrics = ClassificationMetrics.Compute(s_labels, s_scores);

        Assert.Equal(0.75, metrics.RocAuc, 1e-15);
    }

    [Fact]
    public void Compute_KnownExample_AveragePrecisionIsFiveSixths()
    {
        // Descending: 0.8 (+) P=1 R=.5; 0.4 (-); 0.35 (+) P=2/3 R=1. AP = .5 * 1 + .5 * 2/3.
        ClassificationMetrics metrics = ClassificationMetrics.Compute(s_labels, s_scores);

        Assert.Equal(5.0 / 6.0, metrics.PrAuc, 1e-15);
    }

    [Fact]
    public void Compute_KnownExample_ThresholdMetricsAndLogLoss()
    {
        // At 0.5 only 0.8 is predicted positive: TP 1, FP 0, FN 1, TN 2.
        ClassificationMetrics metrics = ClassificationMetrics.Compute(s_labels, s_scores);

        double expectedLogLoss = -(Math.Log(0.9) + Math.Log(0.6) + Math.Log(0.35) + Math.Log(0.8)) / 4;
        Assert.Equal(0.75, metrics.Accuracy, 1e-15);
        Assert.Equal(1.0, metrics.Precision, 1e-15);
        Assert.Equal(0.5, metrics.Recall, 1e-15);
        Assert.Equal(2.0 / 3.0, metrics.F1, 1e-15);
        Assert.Equal(expectedLogLoss, metrics.LogLoss, 1e-14);
        Assert.Equal(0.5, metrics.Threshold);
        Assert.Equal(4, metrics.Count);
        Assert.Equal(2, metrics.Positives);
    }

    [Fact]
    public void Compute_AllScoresTied_RocAucIsHalfAndAveragePrecisionIsPrevalence()
    {
        ClassificationMetrics metrics = ClassificationMetrics.Compute([1, 0, 0, 1, 0], [0.3, 0.3, 0.3, 0.3, 0.3]);

        Assert.Equal(0.5, metrics.RocAuc, 1e-15);
        Assert.Equal(0.4, metrics.PrAuc, 1e-15);
    }

    [Fact]
    public void Compute_PartialTie_CountsTiedPairAsHalf()
    {
        // Pairs (positive, negative): (0.5, 0.5) = 1/2, (0.5, 0.2) = 1, (0.8, 0.5) = 1, (0.8, 0.2) = 1.
        ClassificationMetrics metrics = ClassificationMetrics.Compute([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.8]);

        Assert.Equal(3.5 / 4, metrics.RocAuc, 1e-15);
    }

    [Fact]
    public void Compute_RankedExample_AveragePrecisionMatchesHandComputation()
    {
        // Descending labels 1, 0, 1, 1, 0: recall steps of 1/3 at precisions 1, 2/3, 3/4.
        ClassificationMetrics metrics = ClassificationMetrics.Compute([1, 0, 1, 1, 0], [0.9, 0.8, 0.7, 0.6, 0.1]);

        Assert.Equal((1.0 + (2.0 / 3.0) + 0.75) / 3.0, metrics.PrAuc, 1e-15);
        Assert.Equal(4.0 / 6.0, metrics.RocAuc, 1e-15);
    }

    [Fact]
    public void Compute_PerfectRanking_AucsAreOne()
    {
        ClassificationMetrics metrics = ClassificationMetrics.Compute([0, 1, 0, 1], [0.1, 0.9, 0.2, 0.7]);

        Assert.Equal(1.0, metrics.RocAuc);
        Assert.Equal(1.0, metrics.PrAuc);
    }

    [Fact]
    public void Compute_NoPredictedPositives_PrecisionIsZero()
    {
        ClassificationMetrics metrics = ClassificationMetrics.Compute(s_labels, s_scores, threshold: 0.9);

        Assert.Equal(0.0, metrics.Precision);
        Assert.Equal(0.0, metrics.Recall);
        Assert.Equal(0.0, metrics.F1);
        Assert.Equal(0.5, metrics.Accuracy);
    }

    [Fact]
    public void Compute_ThresholdIsInclusive()
    {
        ClassificationMetrics metrics = ClassificationMetrics.Compute([1, 0], [0.5, 0.2]);

        Assert.Equal(1.0, metrics.Recall);
    }

    [Fact]
    public void Compute_ZeroProbabilityForPositive_LogLossIsClipped()
    {
        ClassificationMetrics metrics = ClassificationMetrics.Compute([1, 0], [0.0, 0.0]);

        Assert.Equal(-Math.Log(1e-15) / 2, metrics.LogLoss, 1e-12);
        Assert.True(double.IsFinite(metrics.LogLoss));
    }

    [Fact]
    public void Compute_OneClass_AucsAreNaN()
    {
        ClassificationMetrics negativesOnly = ClassificationMetrics.Compute([0, 0, 0], [0.1, 0.5, 0.7]);
        ClassificationMetrics positivesOnly = ClassificationMetrics.Compute([1, 1], [0.1, 0.7]);

        Assert.True(double.IsNaN(negativesOnly.RocAuc));
        Assert.True(double.IsNaN(negativesOnly.PrAuc));
        Assert.True(double.IsNaN(positivesOnly.RocAuc));
        Assert.Equal(1.0, positivesOnly.PrAuc);
    }

    [Fact]
    public void Compute_LargeInput_UsesPooledBuffersAndMatchesPairCount()
    {
        var random = new Random(3);
        int n = 1000;
        var labels = new double[n];
        var scores = new double[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = random.Next(2);
            scores[i] = Math.Round(random.NextDouble(), 2);
        }

        double wins = 0;
        double pairs = 0;
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < n; k++)
            {
                if (labels[i] == 1 && labels[k] == 0)
                {
                    pairs++;
                    wins += scores[i] > scores[k] ? 1 : scores[i] == scores[k] ? 0.5 : 0;
                }
            }
        }

        Assert.Equal(wins / pairs, ClassificationMetrics.Compute(labels, scores).RocAuc, 1e-12);
    }

    [Fact]
    public void Compute_BadInputs_ThrowClearly()
    {
        ArgumentException badLabel = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute([0, 2], [0.1, 0.2]));
        ArgumentException badProbability = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute([0, 1], [0.1, 1.5]));
        ArgumentException nanProbability = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute([0, 1], [double.NaN, 0.5]));
        ArgumentException lengths = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute([0, 1], [0.1]));

        Assert.Contains("row 1", badLabel.Message, StringComparison.Ordinal);
        Assert.Contains("row 1", badProbability.Message, StringComparison.Ordinal);
        Assert.Contains("row 0", nanProbability.Message, StringComparison.Ordinal);
        Assert.Equal("probabilities", lengths.ParamName);
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute(ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationMetrics.Compute([0, 1], [0.1, 0.2], threshold: 1.5));
    }
}
