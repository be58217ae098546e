using Sextant.Learners.GradientBoosting;
using Xunit.Abstractions;

namespace Sextant.Core.Tests.Learners.GradientBoosting;

public sealed class GradientBoostingCaliforniaTests
{
    // The bar: test RMSE <= 0.46 with the documented defaults. Anchors on the same task (8 standard features,
    // MedHouseVal in units of 100,000, 80/20 split with seed 42): scikit-learn HistGradientBoostingRegressor with its
    // defaults 0.4642, XGBoost 0.4561. Our split is our own seeded shuffle (new Random(42).Shuffle, last 20% test),
    // not scikit-learn's train_test_split, so the numbers are comparable, not identical.
    private const double RmseBar = 0.46;

    private readonly ITestOutputHelper _output;

    public GradientBoostingCaliforniaTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Fit_CaliforniaDefaults_RmseAtMost046()
    {
        var data = CaliforniaHousing.Data;
        int testRows = data.TestRows;
        double[] testY = data.TestY;
        GradientBoostingModel model = GradientBoostingTrainer.Fit(data.TrainX, data.TrainRows, CaliforniaHousing.Columns, data.TrainY, new GradientBoostingOptions());

        var predicted = new double[testRows];
        model.PredictBatch(data.TestX, testRows, predicted);
        double rmse = SyntheticData.Rmse(testY, predicted);
        _output.WriteLine($"California housing: test RMSE {rmse:F4}, {model.Rounds} rounds kept.");
        Assert.True(rmse <= RmseBar, $"California housing test RMSE {rmse:F4} (after {model.Rounds} rounds) is above the bar {RmseBar}.");
    }
}
