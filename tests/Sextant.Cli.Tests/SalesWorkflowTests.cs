using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sextant.Cli.Tests;

/// <summary>The sales example end to end through the command line, as a user would run it.</summary>
public sealed partial class SalesWorkflowTests(SalesProjectFixture sales) : IClassFixture<SalesProjectFixture>
{
    [Fact]
    public void Init_SalesExample_WritesConfigAndData()
    {
        var json = sales.Init.Json();
        Assert.Equal("regression", json.GetProperty("task").GetString());
        Assert.Equal("SALES", json.GetProperty("target").GetString());
        Assert.Equal(10, json.GetProperty("features").GetInt32());
        Assert.True(File.Exists(Path.Combine(sales.Project, "sextant.yaml")));
        Assert.True(File.Exists(json.GetProperty("data").GetString()));
    }

    [Fact]
    public void Ingest_SalesExample_DetectsCodePage850AndStoresAFingerprintedVersion()
    {
        var json = sales.FirstIngest.Json();
        Assert.Equal("ibm850", json.GetProperty("encoding").GetString());
        Assert.Equal(2823, json.GetProperty("rows_read").GetInt32());
        var stored = json.GetProperty("rows_stored").GetInt32();
        Assert.InRange(stored, 2500, 2823);
        Assert.Matches(Sha256Hex(), json.GetProperty("fingerprint").GetString());
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        Assert.Equal("sales", json.GetProperty("dataset").GetString());
    }

    [Fact]
    public void Ingest_SameFileAgain_StoresVersion2WithTheSameFingerprint()
    {
        var first = sales.FirstIngest.Json();
        var second = sales.SecondIngest.Json();
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.Equal(first.GetProperty("fingerprint").GetString(), second.GetProperty("fingerprint").GetString());
        Assert.Equal(first.GetProperty("rows_stored").GetInt32(), second.GetProperty("rows_stored").GetInt32());
    }

    [Fact]
    public void Validate_SalesExample_PassesWithExitCode0()
    {
        sales.Validate.ShouldExit(0);
        Assert.Contains("PASS", sales.Validate.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_SalesExample_RegistersVersion1WithR2Above09AndASelectedCandidate()
    {
        var json = sales.Train.Json();
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        Assert.Equal("rmse", json.GetProperty("primary_metric").GetString());
        Assert.Equal(2, json.GetProperty("dataset_version").GetInt32());
        Assert.True(json.GetProperty("validation_passed").GetBoolean());
        var r2 = json.GetProperty("metrics").GetProperty("r2").GetDouble();
        Assert.True(r2 > 0.9, $"r2 on held-out rows was {r2}; the synthetic sales data should give more than 0.9.");
        var leaderboard = json.GetProperty("leaderboard").EnumerateArray().ToList();
        Assert.NotEmpty(leaderboard);
        var selected = Assert.Single(leaderboard, e => e.GetProperty("selected").GetBoolean());
        Assert.Equal(json.GetProperty("learner").GetString(), selected.GetProperty("candidate").GetString());
        var stored = sales.SecondIngest.Json().GetProperty("rows_stored").GetInt32();
        // Every stored row is used once: to fit, to calibrate the intervals or to test.
        Assert.Equal(stored, json.GetProperty("train_rows").GetInt32() + json.GetProperty("calibration_rows").GetInt32() + json.GetProperty("test_rows").GetInt32());
        var interval = json.GetProperty("interval");
        Assert.Equal(0.8, interval.GetProperty("coverage").GetDouble());
        var coverage = interval.GetProperty("test_coverage").GetDouble();
        Assert.InRange(coverage, 0.7, 0.9);
    }

    [Fact]
    public async Task Predict_ValidJsonRecord_PrintsTheNumberAndItsP10P90Interval()
    {
        var result = (await Cli.RunAsync("predict", "-p", sales.Project, "--json", SalesProjectFixture.ValidRecord)).ShouldExit(0);
        var text = result.Stdout.Trim();
        var match = System.Text.RegularExpressions.Regex.Match(text, @"^(\S+)\s+\[p10 (\S+), p90 (\S+)\]$");
        Assert.True(match.Success, $"expected 'VALUE   [p10 LOW, p90 HIGH]' on stdout, got '{text}'.");
        var values = match.Groups.Values.Skip(1).Select(g => double.Parse(g.Value, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
        Assert.True(double.IsFinite(values[0]) && values[0] > 0, $"a sale of 30 units at about 95 should be positive; got {values[0]}.");
        Assert.True(values[1] < values[0] && values[0] < values[2], $"the interval [{values[1]}, {values[2]}] should surround {values[0]}.");
    }

    [Fact]
    public async Task Explain_Json_ContributionsAddUpToThePredictionOfPredict()
    {
        var predicted = (await Cli.RunAsync("predict", "-p", sales.Project, "--json", SalesProjectFixture.ValidRecord, "--format", "json")).ShouldExit(0).Json();
        var prediction = Assert.Single(predicted.GetProperty("predictions").EnumerateArray()).GetProperty("prediction").GetDouble();

        var explanation = (await Cli.RunAsync("explain", "-p", sales.Project, "--json", SalesProjectFixture.ValidRecord, "--format", "json")).ShouldExit(0).Json().GetProperty("explanation");

        var contributions = explanation.GetProperty("contributions").EnumerateArray().ToList();
        Assert.Equal(prediction, explanation.GetProperty("prediction").GetDouble(), 6);
        Assert.Equal(prediction, explanation.GetProperty("base_value").GetDouble() + contributions.Sum(c => c.GetProperty("contribution").GetDouble()), 6);
        Assert.Contains(contributions, c => c.GetProperty("feature").GetString() == "PRODUCTLINE");
    }

    [Fact]
    public async Task Explain_BadRecord_Exits2AndNamesTheFeature()
    {
        var result = (await Cli.RunAsync("explain", "-p", sales.Project, "--json", """{"QUANTITYORDERED":"many"}""")).ShouldExit(2);

        Assert.Contains("QUANTITYORDERED", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("nothing was explained", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_BadRecord_Exits2AndListsEveryProblem()
    {
        const string bad = """{"QUANTITYORDERED":"many","PRICEEACH":-5,"ORDERLINENUMBER":2,"MSRP":95,"QTR_ID":1,"MONTH_ID":13,"YEAR_ID":2003,"PRODUCTLINE":"Spaceships","COUNTRY":"USA"}""";
        var result = (await Cli.RunAsync("predict", "-p", sales.Project, "--json", bad, "--format", "json")).ShouldExit(2);
        var json = result.Json();
        Assert.False(json.GetProperty("passed").GetBoolean());
        var problems = json.GetProperty("errors").EnumerateArray()
            .Select(e => (Feature: e.GetProperty("feature").GetString(), Type: e.GetProperty("type").GetString()))
            .OrderBy(p => p.Feature, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(
            [("DEALSIZE", "missing"), ("MONTH_ID", "range"), ("PRICEEACH", "range"), ("PRODUCTLINE", "allowed"), ("QUANTITYORDERED", "type")],
            problems);
        Assert.Contains("5 validation problem(s)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_BadRecordInTextMode_Exits2AndNamesEachFeature()
    {
        const string bad = """{"QUANTITYORDERED":"many","PRICEEACH":95,"ORDERLINENUMBER":2,"MSRP":95,"QTR_ID":1,"MONTH_ID":2,"YEAR_ID":2003,"PRODUCTLINE":"Spaceships","COUNTRY":"USA","DEALSIZE":"Small"}""";
        var result = (await Cli.RunAsync("predict", "-p", sales.Project, "--json", bad)).ShouldExit(2);
        Assert.Contains("QUANTITYORDERED", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("PRODUCTLINE", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("DEALSIZE", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_CsvOfFeatureRows_PredictsEveryRowLikeTheJsonRecord()
    {
        var csv = Path.Combine(sales.Project, "to_score.csv");
        await File.WriteAllTextAsync(csv, string.Join('\n',
            "QUANTITYORDERED,PRICEEACH,ORDERLINENUMBER,MSRP,QTR_ID,MONTH_ID,YEAR_ID,PRODUCTLINE,COUNTRY,DEALSIZE",
            "30,95.7,2,95,1,2,2003,Motorcycles,USA,Small",
            "45,100,5,170,4,11,2004,Classic Cars,France,Large",
            "20,60.5,1,62,2,5,2005,Trains,Japan,Small") + "\n");

        var result = (await Cli.RunAsync("predict", "-p", sales.Project, "--csv", csv, "--format", "json")).ShouldExit(0);
        var predictions = result.Json().GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("prediction").GetDouble()).ToList();
        Assert.Equal(3, predictions.Count);
        Assert.All(predictions, p => Assert.True(double.IsFinite(p)));
        Assert.True(predictions[1] > predictions[2], $"45 classic cars at 100 should sell for more than 20 trains at 60.5; got {predictions[1]} and {predictions[2]}.");

        var single = (await Cli.RunAsync("predict", "-p", sales.Project, "--json", SalesProjectFixture.ValidRecord, "--format", "json")).ShouldExit(0);
        var fromJson = Assert.Single(single.Json().GetProperty("predictions").EnumerateArray()).GetProperty("prediction").GetDouble();
        Assert.Equal(fromJson, predictions[0], 9);
    }

    [Fact]
    public async Task Models_Json_ListsTheRegisteredVersionWithItsLineage()
    {
        var json = (await Cli.RunAsync("models", "-p", sales.Project, "--format", "json")).ShouldExit(0).Json();
        var train = sales.Train.Json();
        Assert.Equal("sales", json.GetProperty("model").GetString());
        var version = Assert.Single(json.GetProperty("versions").EnumerateArray());
        Assert.Equal(1, version.GetProperty("version").GetInt32());
        Assert.Equal(2, version.GetProperty("dataset_version").GetInt32());
        Assert.Equal(sales.SecondIngest.Json().GetProperty("fingerprint").GetString(), version.GetProperty("dataset_fingerprint").GetString());
        Assert.Equal(train.GetProperty("artifact_sha256").GetString(), version.GetProperty("artifact_sha256").GetString());
        Assert.Equal(train.GetProperty("metrics").GetProperty("r2").GetDouble(), version.GetProperty("metrics").GetProperty("r2").GetDouble(), 12);
    }

    [Fact]
    public async Task DataQuery_CountOfTheProjectView_EqualsRowsStored()
    {
        var json = (await Cli.RunAsync("data", "query", "SELECT COUNT(*) AS n FROM sales", "-p", sales.Project, "--format", "json")).ShouldExit(0).Json();
        Assert.Equal(["n"], json.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        var row = Assert.Single(json.GetProperty("rows").EnumerateArray());
        Assert.Equal(sales.SecondIngest.Json().GetProperty("rows_stored").GetInt32(), row[0].GetInt32());
    }

    [Fact]
    public async Task DataQuery_WriteStatement_FailsBecauseQueriesAreReadOnly()
    {
        var before = (await Cli.RunAsync("data", "query", "SELECT COUNT(*) FROM sales", "-p", sales.Project, "--format", "json")).ShouldExit(0).Json();
        var result = (await Cli.RunAsync("data", "query", "DELETE FROM sales", "-p", sales.Project)).ShouldExit(1);
        Assert.StartsWith("error:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Queries are read-only: a DELETE statement is not allowed", result.Stderr, StringComparison.Ordinal);

        var after = (await Cli.RunAsync("data", "query", "SELECT COUNT(*) FROM sales", "-p", sales.Project, "--format", "json")).ShouldExit(0).Json();
        Assert.Equal(before.GetProperty("rows")[0][0].GetInt64(), after.GetProperty("rows")[0][0].GetInt64());
    }

    [Fact]
    public async Task DataQuery_WriteStatementInJsonMode_PrintsOneErrorDocument()
    {
        var result = (await Cli.RunAsync("data", "query", "CREATE TABLE scratch2 (x INTEGER)", "-p", sales.Project, "--format", "json")).ShouldExit(1);
        var error = result.Json().GetProperty("error");
        Assert.Equal("error", error.GetProperty("kind").GetString());
        Assert.Contains("read-only", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        var bad = (await Cli.RunAsync("data", "query", "SELECT nope FROM sales", "-p", sales.Project, "--format", "json")).ShouldExit(1);
        Assert.Contains("SQL error", bad.Json().GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataSummary_ByProductLine_Returns7GroupsWhoseSumsAddUpToTotalSales()
    {
        var total = (await Cli.RunAsync("data", "query", "SELECT SUM(SALES), COUNT(*) FROM sales", "-p", sales.Project, "--format", "json")).ShouldExit(0).Json().GetProperty("rows")[0];
        var json = (await Cli.RunAsync("data", "summary", "--by", "PRODUCTLINE", "-p", sales.Project, "--format", "json")).ShouldExit(0).Json();
        var columns = json.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(["PRODUCTLINE", "rows", "sum_SALES", "mean_SALES"], columns);
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(7, rows.Count);
        Assert.Equal(7, json.GetProperty("row_count").GetInt32());
        Assert.Equal(
            ["Classic Cars", "Motorcycles", "Planes", "Ships", "Trains", "Trucks and Buses", "Vintage Cars"],
            rows.Select(r => r[0].GetString()).Order(StringComparer.Ordinal));
        var sum = rows.Sum(r => r[2].GetDouble());
        Assert.Equal(total[0].GetDouble(), sum, 6);
        Assert.Equal(total[1].GetInt32(), rows.Sum(r => r[1].GetInt32()));
        var sums = rows.Select(r => r[2].GetDouble()).ToList();
        Assert.Equal(sums.OrderDescending(), sums);
    }

    [Fact]
    public async Task JsonFormat_EveryCommand_WritesExactlyOneSnakeCaseDocument()
    {
        var results = new List<CliResult>
        {
            sales.Init, sales.FirstIngest, sales.SecondIngest, sales.Train,
            await Cli.RunAsync("validate", "-p", sales.Project, "--format", "json"),
            await Cli.RunAsync("predict", "-p", sales.Project, "--json", SalesProjectFixture.ValidRecord, "--format", "json"),
            await Cli.RunAsync("predict", "-p", sales.Project, "--json", "[" + SalesProjectFixture.ValidRecord + "," + SalesProjectFixture.ValidRecord + "]", "--format", "json"),
            await Cli.RunAsync("predict", "-p", sales.Project, "--show-schema", "--format", "json"),
            await Cli.RunAsync("predict", "-p", sales.Project, "--json", "{\"QUANTITYORDERED\":-1}", "--format", "json"),
            await Cli.RunAsync("models", "-p", sales.Project, "--format", "json"),
            await Cli.RunAsync("data", "query", "SELECT PRODUCTLINE, COUNT(*) AS n FROM sales GROUP BY PRODUCTLINE", "-p", sales.Project, "--format", "json"),
            await Cli.RunAsync("data", "summary", "--by", "COUNTRY,DEALSIZE", "-p", sales.Project, "--format", "json"),
            await Cli.RunAsync("data", "summary", "--by", "NO_SUCH_COLUMN", "-p", sales.Project, "--format", "json"),
            await Cli.RunAsync("predict", "-p", sales.Project, "--json", "{not json", "--format", "json"),
        };

        Assert.All(results, r =>
        {
            Assert.True(r.ExitCode is 0 or 1 or 2, $"'sextant {string.Join(' ', r.Args)}' exited {r.ExitCode}: {r.Stderr}");
            var json = r.Json();
            Assert.Equal(JsonValueKind.Object, json.ValueKind);
            foreach (var property in json.EnumerateObject())
            {
                Assert.Matches(SnakeCase(), property.Name);
            }

            if (r.ExitCode == 1)
            {
                var error = json.GetProperty("error");
                Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("kind").GetString()));
                Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
            }
        });
        Assert.Equal(2, results.Count(r => r.ExitCode == 1));
        Assert.Equal(1, results.Count(r => r.ExitCode == 2));
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex SnakeCase();
}
