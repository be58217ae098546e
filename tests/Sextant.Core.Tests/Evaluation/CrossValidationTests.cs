using Sextant.Evaluation;

namespace Sextant.Core.Tests.Evaluation;

public class CrossValidationTests
{
    [Theory]
    [InlineData(100, 5, 1)]
    [InlineData(53, 4, 2)]
    [InlineData(10, 10, 3)]
    public void KFold_FoldsAreDisjointAndValidateEveryRowOnce(int rows, int k, int seed)
    {
        var folds = CrossValidation.KFold(rows, k, seed);

        Assert.Equal(k, folds.Count);
        Assert.Equal(Enumerable.Range(0, rows), folds.SelectMany(f => f.Validation).Order());
        foreach (var fold in folds)
        {
            Assert.Empty(fold.Train.Intersect(fold.Validation));
            Assert.Equal(Enumerable.Range(0, rows), fold.Train.Concat(fold.Validation).Order());
        }

        Assert.InRange(folds.Max(f => f.Validation.Length) - folds.Min(f => f.Validation.Length), 0, 1);
    }

    [Fact]
    public void KFold_SameSeedSameFolds_OtherSeedOtherFolds()
    {
        Assert.Equal(CrossValidation.KFold(200, 5, 7)[2].Validation, CrossValidation.KFold(200, 5, 7)[2].Validation);
        Assert.NotEqual(CrossValidation.KFold(200, 5, 7)[2].Validation, CrossValidation.KFold(200, 5, 8)[2].Validation);
    }

    [Fact]
    public void KFold_Stratified_EveryFoldKeepsTheClassRatioWithinOneRow()
    {
        var random = new Random(5);
        var labels = Enumerable.Range(0, 1003).Select(_ => random.NextDouble() < 0.12 ? 1.0 : 0.0).ToArray();
        var folds = CrossValidation.KFold(labels.Length, 5, 1, labels);

        Assert.Equal(Enumerable.Range(0, labels.Length), folds.SelectMany(f => f.Validation).Order());
        var positives = labels.Count(l => l == 1);
        foreach (var fold in folds)
        {
            var exact = positives * (double)fold.Validation.Length / labels.Length;
            Assert.InRange(fold.Validation.Count(i => labels[i] == 1), exact - 1, exact + 1);
        }
    }

    [Theory]
    [InlineData(100, 4)]
    [InlineData(31, 5)]
    [InlineData(3, 2)]
    public void TimeSeriesFolds_NeverValidateOnRowsEarlierThanTheirTrainingRows(int rows, int k)
    {
        // The time order is a shuffle of the row indices, so positions in time differ from row numbers.
        var order = Enumerable.Range(0, rows).ToArray();
        new Random(rows).Shuffle(order);
        var timeOf = new int[rows];
        for (var t = 0; t < rows; t++)
        {
            timeOf[order[t]] = t;
        }

        var folds = CrossValidation.TimeSeriesFolds(order, k);

        Assert.Equal(k, folds.Count);
        for (var f = 0; f < k; f++)
        {
            var fold = folds[f];
            Assert.NotEmpty(fold.Train);
            Assert.NotEmpty(fold.Validation);
            Assert.True(fold.Train.Max(r => timeOf[r]) < fold.Validation.Min(r => timeOf[r]), $"fold {f} validates on a row earlier than one it trains on.");
            if (f > 0)
            {
                // Expanding window: each fold trains on everything the previous one trained and validated on.
                Assert.Equal(folds[f - 1].Train.Concat(folds[f - 1].Validation).Order(), fold.Train.Order());
            }
        }

        Assert.Equal(order[^1], folds[^1].Validation[^1]);
    }

    [Fact]
    public void Summarize_GivesMeanAndPopulationStdPerMetric()
    {
        var summary = CrossValidation.Summarize([
            new Dictionary<string, double> { ["rmse"] = 1, ["r2"] = 0.5 },
            new Dictionary<string, double> { ["rmse"] = 3, ["r2"] = 0.7 },
        ]);
        Assert.Equal(2, summary["rmse"], 12);
        Assert.Equal(1, summary["rmse_std"], 12);
        Assert.Equal(0.6, summary["r2"], 12);
        Assert.Equal(0.1, summary["r2_std"], 12);
    }
}
