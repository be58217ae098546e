using System.Diagnostics;
using Sextant.Core.Tests.Learners.GradientBoosting;
using Sextant.Learners.RandomForest;
using Xunit.Abstractions;

namespace Sextant.Core.Tests.Learners.RandomForest;

public sealed class RandomForestCaliforniaTests
{
    // The bar: test RMSE <= 0.51 with 300 trees and the documented defaults (fully grown trees, bootstrap, a third of
    // the features per split: 2 of the 8). Anchors: scikit-learn 1.2.1 RandomForestRegressor with 300 trees on this very
    // split (new Random(42).Shuffle of the rows, last 20% test) reaches 0.4953 with max_features 0.33 (also 2 features)
    // and 0.5083 with its default 1.0; on its own train_test_split, 0.5032. Binning to 255 bins costs a little: with
    // every feature per split this forest reaches 0.5104, above the bar.
    private const double RmseBar = 0.51;

    private readonly ITestOutputHelper _output;

    public RandomForestCaliforniaTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Fit_California300TreesDefaults_RmseAtMost051()
    {
        var data = CaliforniaHousing.Data;
        var watch = Stopwatch.StartNew();
        RandomForestModel model = RandomForestTrainer.Fit(
            data.TrainX, data.TrainRows, CaliforniaHousing.Columns, data.TrainY, new RandomForestOptions { Trees = 300, MaxDegreeOfParallelism = 2 });
        double fitSeconds = watch.Elapsed.TotalSeconds;

        var predicted = new double[data.TestRows];
        model.PredictBatch(data.TestX, data.TestRows, predicted);
        double rmse = SyntheticData.Rmse(data.TestY, predicted);
        _output.WriteLine($"California housing random forest: test RMSE {rmse:F4}, OOB R2 {model.OutOfBag?.R2:F4}, {model.NodeFeatures.Count} nodes, fit {fitSeconds:F1} s.");
        Assert.True(rmse <= RmseBar, $"California housing random forest test RMSE {rmse:F4} is above the bar {RmseBar}.");

        // Out of bag, each row is predicted by about a third of the trees, so its R2 sits a little below the test R2
        // (scikit-learn on this split: OOB R2 0.819 with max_features 0.33).
        Assert.InRange(model.OutOfBag!.R2!.Value, 0.80, 0.84);
    }
}
