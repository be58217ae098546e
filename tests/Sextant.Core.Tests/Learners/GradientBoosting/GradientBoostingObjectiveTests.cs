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
}
