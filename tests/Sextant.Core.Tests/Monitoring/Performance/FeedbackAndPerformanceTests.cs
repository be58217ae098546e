using System.Globalization;
using Sextant.Data.Ingest;
using Sextant.Examples;
using Sextant.Models;
using Sextant.Monitoring;
using Sextant.Monitoring.Alerts;
using Sextant.Monitoring.Checks;
using Sextant.Monitoring.Feedback;
using Sextant.Projects;
using Sextant.Training;

namespace Sextant.Core.Tests.Monitoring.Performance;

/// <summary>
/// Labels for the sales model's logged predictions: feedback joined by request id (unknown ids refuse the batch or are
/// skipped and listed), realised metrics and live interval coverage in a check, a performance alert when the labels
/// say the model got worse, and a missing-values alert.
/// </summary>
public sealed class FeedbackAndPerformanceTests : TrainedSalesProject
{
    private async Task<(IReadOnlyList<PredictionRecord> Logged, IReadOnlyList<double> Actuals)> LogAsync(int rows, int seed, DateTimeOffset from)
    {
        var (records, actuals) = await SalesTraffic.SampleAsync(Project, rows, seed, drifted: false);
        return (await SalesTraffic.LogAsync(Project, Predictor, records, from), actuals);
    }

    private static List<FeedbackItem> Items(IReadOnlyList<PredictionRecord> logged, IReadOnlyList<double> actuals, double scale = 1) =>
        [.. logged.Select((r, i) => new FeedbackItem(r.RequestId, (actuals[i] * scale).ToString("R", CultureInfo.InvariantCulture)))];

    private Task<MonitoringCheckResult> CheckAsync(DateTimeOffset since) =>
        MonitoringCheck.RunAsync(Project, new MonitoringCheckRequest { Since = since, Until = since.AddHours(1) }, new ManualTime(since.AddHours(1)));

    [Fact]
    public async Task Feedback_WithAnUnknownId_StoresNothing_AndListsIt_UnlessSkipped()
    {
        var (logged, actuals) = await LogAsync(20, seed: 3, Start);
        var items = Items(logged, actuals);
        items.Insert(5, new FeedbackItem("no-such-request", "100"));

        var refused = await Assert.ThrowsAsync<FeedbackException>(() => FeedbackRecorder.RecordAsync(Project, items));
        Assert.Equal(["no-such-request"], refused.Unknown);
        Assert.Contains("nothing was stored", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await Project.Metadata.ReadLabelledPredictionsAsync(new() { Model = Project.Name })).Rows);

        var skipped = await FeedbackRecorder.RecordAsync(Project, items, skipUnknown: true);
        Assert.Equal((21, 20, 0), (skipped.Received, skipped.Recorded, skipped.Corrected));
        Assert.Equal(["no-such-request"], skipped.Unknown);
        var labelled = await Project.Metadata.ReadLabelledPredictionsAsync(new() { Model = Project.Name });
        Assert.Equal(actuals.Select(a => a.ToString("R", CultureInfo.InvariantCulture)), labelled.Actuals);
        Assert.Equal(logged.Select(r => r.Prediction), labelled.Predictions);
    }

    [Fact]
    public async Task Feedback_Malformed_ListsEveryProblem_AndASecondValueCorrectsTheFirst()
    {
        var (logged, actuals) = await LogAsync(3, seed: 4, Start);

        var refused = await Assert.ThrowsAsync<FeedbackException>(() => FeedbackRecorder.RecordAsync(Project,
            [new FeedbackItem(logged[0].RequestId, "a lot"), new FeedbackItem("", "5"), new FeedbackItem(logged[1].RequestId, " ")]));
        Assert.Equal(3, refused.Problems.Count);
        Assert.Contains("'a lot' is not a finite number", refused.Problems[0], StringComparison.Ordinal);
        Assert.Contains("request_id is missing", refused.Problems[1], StringComparison.Ordinal);
        Assert.Contains("actual is missing", refused.Problems[2], StringComparison.Ordinal);

        await FeedbackRecorder.RecordAsync(Project, Items(logged, actuals));
        var again = await FeedbackRecorder.RecordAsync(Project, [new FeedbackItem(logged[0].RequestId, "42")]);
        Assert.Equal((0, 1), (again.Recorded, again.Corrected));
        Assert.Equal("42", (await Project.Metadata.ReadLabelledPredictionsAsync(new() { Model = Project.Name })).Actuals[0]);
    }

    [Fact]
    public async Task Check_WithLabels_ReportsRealisedMetricsAndCoverage_ThenWorseLabelsOpenAPerformanceAlert()
    {
        var (logged, actuals) = await LogAsync(300, seed: 5, Start);
        var (worse, worseActuals) = await LogAsync(300, seed: 6, Start.AddHours(2));
        await FeedbackRecorder.RecordAsync(Project, Items(logged, actuals));
        // The second hour's outcomes are 60% above what the rows said: the model's RMSE goes far past its test RMSE.
        await FeedbackRecorder.RecordAsync(Project, Items(worse, worseActuals, scale: 1.6));

        var good = await CheckAsync(Start);
        var bad = await CheckAsync(Start.AddHours(2));

        var testRmse = Predictor.Artifact.Metrics["rmse"];
        var performance = good.Performance!;
        Assert.Equal(("checked", 300), (performance.Status, performance.LabelledRows));
        // The sampled rows are mostly training rows: the realised RMSE is at or below the test RMSE, within the 10% tolerance.
        Assert.InRange(performance.Metrics["rmse"], 0.5 * testRmse, 1.1 * testRmse);
        Assert.Equal(testRmse, performance.Reference["rmse"]);
        // p10-p90 intervals, calibrated on rows the model did not see, cover about 80% of these rows.
        Assert.InRange(performance.Coverage!.Value, 0.7, 0.95);
        Assert.Equal(0.8, performance.NominalCoverage);
        Assert.Empty(performance.Degraded);
        Assert.DoesNotContain(good.Alerts, a => a.Alert.Kind == AlertKind.Performance);

        Assert.Equal("checked", bad.Performance!.Status);
        Assert.Contains(bad.Performance.Degraded, d => d.Metric == "rmse" && d.Value > 1.1 * testRmse);
        Assert.Contains(bad.Performance.Degraded, d => d.Metric == "coverage" && d.Value < 0.7);
        var alert = Assert.Single(bad.Alerts, a => a.Alert.Kind == AlertKind.Performance).Alert;
        Assert.Equal(AlertState.Open, alert.State);
        Assert.Contains("rmse", alert.Features);
        Assert.Contains("performance degraded", alert.Message, StringComparison.Ordinal);

        // Back to the good hour: the alert resolves.
        var again = await CheckAsync(Start);
        Assert.Contains(again.Alerts, a => a.Alert.Kind == AlertKind.Performance && a.Change == AlertChangeKind.Resolved);
    }

    [Fact]
    public async Task Check_FewLabels_SaysNotEnough_AndRaisesNoPerformanceAlert()
    {
        var (logged, actuals) = await LogAsync(250, seed: 7, Start);
        await FeedbackRecorder.RecordAsync(Project, Items(logged.Take(40).ToList(), actuals, scale: 3));

        var result = await CheckAsync(Start);

        Assert.Equal(("not_enough_labels", 40), (result.Performance!.Status, result.Performance.LabelledRows));
        Assert.Contains("at least 100 needed", result.Performance.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Alerts, a => a.Alert.Kind == AlertKind.Performance);
    }

    [Fact]
    public async Task Check_FeatureMissingFarMoreThanInTraining_OpensAMissingValuesAlert()
    {
        var (records, _) = await SalesTraffic.SampleAsync(Project, 300, seed: 8, drifted: false);
        // Half of the clients stop sending MSRP (logged as sent: without the field).
        var logged = records.Select((r, i) => new PredictionRecord(Guid.NewGuid().ToString("N"), Project.Name, Predictor.Version, null, Start.AddSeconds(i),
            i % 2 == 0 ? System.Text.RegularExpressions.Regex.Replace(r, "\"MSRP\":[^,}]*,?", "") : r, 3000, 1)).ToList();
        await Project.Metadata.LogPredictionsAsync(logged);

        var result = await CheckAsync(Start);

        var alert = Assert.Single(result.Alerts, a => a.Alert.Kind == AlertKind.MissingValues).Alert;
        Assert.Equal(["MSRP"], alert.Features);
        Assert.InRange(alert.Scores["MSRP"], 0.45, 0.55);
        Assert.Matches(@"MSRP (4[5-9]|5[0-5])\.\d ?% \(reference 0\.0 ?%\)", alert.Message);
    }

    [Fact]
    public async Task Check_ManyRequestsRefusedForDeclaredRules_OpensASchemaViolationsAlert_KeptOutOfTheDriftWindow()
    {
        await LogAsync(250, seed: 9, Start);
        var refused = Enumerable.Range(0, 30).Select(i => new PredictionRecord($"refused-{i}", Project.Name, Predictor.Version, null, Start.AddSeconds(i), """{"PRICEEACH": "cheap"}""", double.NaN, 0)
        {
            Errors = i % 3 == 0 ? """[{"feature":"PRICEEACH","type":"type"},{"feature":"MSRP","type":"missing"}]""" : """[{"feature":"PRICEEACH","type":"type"}]""",
        }).ToList();
        Assert.Equal(30, await Project.Metadata.LogPredictionsAsync(refused));

        var result = await CheckAsync(Start);

        Assert.Equal(250, result.WindowRows);
        Assert.Equal(30, result.Refused!.Count);
        Assert.Equal((30, 10), (result.Refused.ByFeature["PRICEEACH"], result.Refused.ByFeature["MSRP"]));
        var alert = Assert.Single(result.Alerts, a => a.Alert.Kind == AlertKind.SchemaViolations).Alert;
        Assert.Equal(["PRICEEACH", "MSRP"], alert.Features);
        Assert.Equal(30.0 / 280, alert.Scores["refused_share"], 1e-12);
        Assert.StartsWith("30 request(s) refused for breaking declared schema rules", alert.Message, StringComparison.Ordinal);
        // The refused requests are not predictions: the drift window and the log's newest rows hold only the served ones.
        Assert.DoesNotContain(await Project.Metadata.RecentPredictionsAsync(Project.Name, 1000), r => r.RequestId.StartsWith("refused-", StringComparison.Ordinal));
    }
}
