using Sextant.Learners.GradientBoosting;

namespace Sextant.Core.Tests.Learners.GradientBoosting;

public sealed class GradientBoostingObjectiveTests
{
    [Fact]
    public void LogLossGradients_MatchTheStableFormulas_FromTinyToHugeScores()
    {
        // Scores from -1000 to 1000 (exp overflows past 709) and near 0, both labels, weighted and not, over more rows
        // than one parallel block: gradient sigmoid(f) - y and hessian sigmoid(f)(1 - sigmoid(f)), never NaN, never 0.
        double[] scores = [-1000, -745, -709.5, -40, -1, -1e-9, 0, 1e-9, 0.5, 1, 40, 709.5, 745, 1000];
        const int rows = 70_001;
        var raw = new double[rows];
        var target = new double[rows];
        var weights = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            raw[i] = i < scores.Length ? scores[i] : (i % 2001 - 1000) * 0.37;
            target[i] = i % 3 == 0 ? 1 : 0;
            weights[i] = 0.5 + (i % 7);
        }

        var objective = new GradientBoostingObjective(new GradientBoostingOptions { Loss = GradientBoostingLoss.LogLoss });
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 2 };
        foreach (double[]? w in new[] { null, weights })
        {
            var gradients = new double[rows];
            var hessians = new double[rows];
            objective.Gradients(target, raw, w, gradients, hessians, parallel);
            for (int i = 0; i < rows; i++)
            {
                double f = raw[i];
                double p = f >= 0 ? 1 / (1 + Math.Exp(-f)) : Math.Exp(f) / (1 + Math.Exp(f));
                double e = Math.Exp(-Math.Abs(f));
                double h = Math.Max(e / ((1 + e) * (1 + e)), 1e-16);
                double weight = w?[i] ?? 1;
                Assert.Equal((p - target[i]) * weight, gradients[i], 1e-14);
                Assert.True(Math.Abs(hessians[i] - (h * weight)) <= 1e-14 * h * weight, $"row {i}: hessian {hessians[i]} vs {h * weight}");
                Assert.True(hessians[i] > 0);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(1_000)]
    [InlineData(100_001)]
    public void RefitLeaf_QuantileOfResiduals_EqualsInterpolatingTheSortedResiduals(int n)
    {
        // Selection instead of a sort must give NumPy's linear interpolation exactly, with ties, negatives and
        // repeated values (a leaf's residuals often repeat).
        var random = new Random(n);
        var target = new double[n];
        var raw = new double[n];
        for (int i = 0; i < n; i++)
        {
            target[i] = i % 5 == 0 ? 3 : Math.Round((random.NextDouble() - 0.4) * 100, 1);
            raw[i] = i % 7 == 0 ? 0 : random.NextDouble();
        }

        int[] rows = Enumerable.Range(0, n).ToArray();
        double[] sorted = rows.Select(i => target[i] - raw[i]).Order().ToArray();
        foreach (double alpha in new[] { 0.01, 0.1, 0.5, 0.9, 0.99 })
        {
            var objective = new GradientBoostingObjective(new GradientBoostingOptions { Loss = GradientBoostingLoss.Quantile, QuantileAlpha = alpha });
            double position = alpha * (n - 1);
            int lo = (int)position;
            double expected = lo >= n - 1 ? sorted[n - 1] : sorted[lo] + ((position - lo) * (sorted[lo + 1] - sorted[lo]));

            Assert.Equal(expected, objective.RefitLeaf(target, raw, null, rows));
        }
    }

    [Fact]
    public void Select_PutsTheKthSmallestInPlace_WithTheSmallerBeforeAndTheLargerAfter()
    {
        var random = new Random(5);
        foreach (int n in new[] { 1, 40, 1_000, 50_000 })
        {
            double[] values = Enumerable.Range(0, n).Select(i => (double)random.Next(n / 3 + 1) - (n / 6)).ToArray();
            double[] sorted = values.Order().ToArray();
            foreach (int k in new[] { 0, n / 3, n / 2, n - 1 })
            {
                double[] copy = (double[])values.Clone();
                Assert.Equal(sorted[k], GradientBoostingObjective.Select(copy, k));
                Assert.All(copy[..k], x => Assert.True(x <= sorted[k]));
                Assert.All(copy[(k + 1)..], x => Assert.True(x >= sorted[k]));
                Assert.Equal(sorted, copy.Order().ToArray());
            }
        }
    }
}
