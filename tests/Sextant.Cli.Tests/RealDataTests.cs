using System.Text.Json;

namespace Sextant.Cli.Tests;

/// <summary>Real public files from shared/data: init infers a project that ingests and trains without editing.</summary>
public sealed class RealDataTests : IDisposable
{
    private readonly TempFolder _folder = new("sextant-real");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task InitIngestTrain_CaliforniaHousing_WorksWithoutEditingAndKeepsBlankBedroomsNullable()
    {
        var data = SharedData.File("california_housing", "housing.csv");
        var project = _folder.Combine("housing");

        var init = (await Cli.RunAsync("init", project, "--data", data, "--target", "median_house_value", "--format", "json")).ShouldExit(0).Json();
        Assert.Equal("regression", init.GetProperty("task").GetString());
        Assert.Equal(9, init.GetProperty("features").GetInt32());

        var ingest = (await Cli.RunAsync("ingest", "-p", project, "--format", "json")).ShouldExit(0).Json();
        Assert.Equal(20640, ingest.GetProperty("rows_read").GetInt32());
        Assert.Equal(207, ingest.GetProperty("missing_values").GetProperty("total_bedrooms").GetInt32());
        Assert.Equal(20640, ingest.GetProperty("rows_stored").GetInt32());

        var train = (await Cli.RunAsync("train", "-p", project, "--format", "json")).ShouldExit(0).Json();
        Assert.True(train.GetProperty("validation_passed").GetBoolean());
        // A linear model on these raw columns explains about 0.63 of the variance of house values; the selected
        // candidate (gradient boosting, chosen on a validation split) must do clearly better than that.
        var r2 = train.GetProperty("metrics").GetProperty("r2").GetDouble();
        Assert.InRange(r2, 0.75, 1.0);
        var board = train.GetProperty("leaderboard").EnumerateArray().ToList();
        Assert.Contains(board, e => e.GetProperty("learner").GetString() == "ridge");
        Assert.Contains(board, e => e.GetProperty("learner").GetString() == "gbm");

        // The bar: split-conformal 80% intervals (calibrated on training rows the served model never saw, not on the
        // test rows) must cover 78-82% of the ~4,100 held-out test rows.
        var interval = train.GetProperty("interval");
        Assert.Equal("split_conformal", interval.GetProperty("method").GetString());
        Assert.InRange(interval.GetProperty("test_coverage").GetDouble(), 0.78, 0.82);
        Assert.Equal(20640, train.GetProperty("train_rows").GetInt32() + train.GetProperty("calibration_rows").GetInt32() + train.GetProperty("test_rows").GetInt32());

        // The same bar for conformalised quantile regression (interval_method: cqr), whose widths follow each row.
        var yaml = Path.Combine(project, "sextant.yaml");
        await File.WriteAllTextAsync(yaml, (await File.ReadAllTextAsync(yaml)).Replace("interval_method: split_conformal", "interval_method: cqr", StringComparison.Ordinal));
        var cqr = (await Cli.RunAsync("train", "-p", project, "--format", "json")).ShouldExit(0).Json().GetProperty("interval");
        Assert.Equal("cqr", cqr.GetProperty("method").GetString());
        Assert.InRange(cqr.GetProperty("test_coverage").GetDouble(), 0.78, 0.82);
        var record = """{"longitude":-122.23,"latitude":37.88,"housing_median_age":41,"total_rooms":880,"total_bedrooms":129,"population":322,"households":126,"median_income":8.3252,"ocean_proximity":"NEAR BAY"}""";
        var cheap = """{"longitude":-118.3,"latitude":34.0,"housing_median_age":30,"total_rooms":1200,"total_bedrooms":300,"population":1500,"households":300,"median_income":1.5,"ocean_proximity":"INLAND"}""";
        double Width(JsonElement p) => p.GetProperty("p90").GetDouble() - p.GetProperty("p10").GetDouble();
        var rich = (await Cli.RunAsync("predict", "-p", project, "--json", record, "--format", "json")).ShouldExit(0).Json().GetProperty("predictions")[0];
        var poor = (await Cli.RunAsync("predict", "-p", project, "--json", cheap, "--format", "json")).ShouldExit(0).Json().GetProperty("predictions")[0];
        Assert.True(Math.Abs(Width(rich) - Width(poor)) > 1000, $"cqr widths should differ between a rich coastal and a poor inland block: {Width(rich)} vs {Width(poor)}.");
        Assert.InRange(rich.GetProperty("prediction").GetDouble(), rich.GetProperty("p10").GetDouble(), rich.GetProperty("p90").GetDouble());

        var bedrooms = Feature(project, "total_bedrooms", await SchemaAsync(project));
        Assert.Equal("numeric", bedrooms.GetProperty("type").GetString());
        Assert.True(bedrooms.GetProperty("nullable").GetBoolean());
    }

    [Fact]
    public async Task InitIngestTrain_TelcoChurn_HandlesBlankTotalChargesDropsIdAndReachesAucAtLeast0845()
    {
        var data = SharedData.File("telco_churn", "WA_Fn-UseC_-Telco-Customer-Churn.csv");
        var project = _folder.Combine("telco");

        var init = (await Cli.RunAsync("init", project, "--data", data, "--target", "Churn", "--format", "json")).ShouldExit(0).Json();
        Assert.Equal("classification", init.GetProperty("task").GetString());
        Assert.Contains("customerID", init.GetProperty("dropped").EnumerateArray().Select(d => d.GetString()));

        var ingest = (await Cli.RunAsync("ingest", "-p", project, "--format", "json")).ShouldExit(0).Json();
        Assert.Equal(7043, ingest.GetProperty("rows_read").GetInt32());
        Assert.Equal("numeric", ingest.GetProperty("column_types").GetProperty("TotalCharges").GetString());
        Assert.Equal(11, ingest.GetProperty("missing_values").GetProperty("TotalCharges").GetInt32());

        var train = (await Cli.RunAsync("train", "-p", project, "--format", "json")).ShouldExit(0).Json();
        Assert.Equal("roc_auc", train.GetProperty("primary_metric").GetString());
        // The bar (learners issue): with all 19 features, a stratified 80/20 split with seed 42 and the documented
        // defaults, Sextant's selected model reaches test ROC AUC >= 0.845 (scikit-learn's logistic regression 0.8418,
        // XGBoost 0.8426, HistGradientBoostingClassifier 0.8345 on their split of the same file).
        Assert.Equal(19, init.GetProperty("features").GetInt32());
        Assert.Equal(7043, train.GetProperty("train_rows").GetInt32() + train.GetProperty("test_rows").GetInt32());
        var auc = train.GetProperty("metrics").GetProperty("roc_auc").GetDouble();
        Assert.True(auc >= 0.845, $"roc_auc on the held-out telco rows was {auc}; the bar is 0.845.");

        var schema = await SchemaAsync(project);
        var features = schema.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.DoesNotContain("customerID", features);
        Assert.DoesNotContain("Churn", features);
        var totalCharges = Feature(project, "TotalCharges", schema);
        Assert.Equal("numeric", totalCharges.GetProperty("type").GetString());
        Assert.True(totalCharges.GetProperty("nullable").GetBoolean());
    }

    private static async Task<JsonElement> SchemaAsync(string project) =>
        (await Cli.RunAsync("predict", "-p", project, "--show-schema", "--format", "json")).ShouldExit(0).Json().GetProperty("schema");

    private static JsonElement Feature(string project, string name, JsonElement schema) =>
        schema.GetProperty("features").EnumerateArray().SingleOrDefault(f => f.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } feature
            ? feature
            : throw new Xunit.Sdk.XunitException($"'{name}' is not a feature of the model trained in {project}: {schema}");
}
