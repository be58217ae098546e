namespace Sextant.Cli.Tests;

/// <summary>The churn example: a classification project through the CLI.</summary>
public sealed class ChurnExampleTests : IDisposable
{
    private const string Customer = """{"gender":"Female","SeniorCitizen":0,"Partner":"Yes","Dependents":"No","tenure":1,"PhoneService":"No","MultipleLines":"No phone service","InternetService":"DSL","OnlineSecurity":"No","OnlineBackup":"Yes","DeviceProtection":"No","TechSupport":"No","StreamingTV":"No","StreamingMovies":"No","Contract":"Month-to-month","PaperlessBilling":"Yes","PaymentMethod":"Electronic check","MonthlyCharges":29.85,"TotalCharges":29.85}""";

    private readonly TempFolder _folder = new("sextant-churn");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Train_ChurnExample_IsClassificationScoredByRocAuc()
    {
        var project = _folder.Combine("churn");
        var init = (await Cli.RunAsync("init", project, "--example", "churn", "--format", "json")).ShouldExit(0).Json();
        Assert.Equal("classification", init.GetProperty("task").GetString());
        (await Cli.RunAsync("ingest", "-p", project)).ShouldExit(0);

        var train = (await Cli.RunAsync("train", "-p", project, "--format", "json")).ShouldExit(0).Json();

        Assert.Equal("roc_auc", train.GetProperty("primary_metric").GetString());
        var metrics = train.GetProperty("metrics");
        var auc = metrics.GetProperty("roc_auc").GetDouble();
        Assert.InRange(auc, 0.6, 1.0);
        Assert.True(metrics.TryGetProperty("accuracy", out _));
        Assert.False(metrics.TryGetProperty("rmse", out _));
        Assert.Single(train.GetProperty("leaderboard").EnumerateArray(), e => e.GetProperty("selected").GetBoolean());

        var predict = (await Cli.RunAsync("predict", "-p", project, "--json", Customer, "--format", "json")).ShouldExit(0).Json();
        var prediction = Assert.Single(predict.GetProperty("predictions").EnumerateArray());
        Assert.InRange(prediction.GetProperty("prediction").GetDouble(), 0.0, 1.0);
        Assert.Contains(prediction.GetProperty("label").GetString(), new[] { "Yes", "No" });
    }
}
