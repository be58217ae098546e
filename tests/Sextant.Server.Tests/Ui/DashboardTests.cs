using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using static Sextant.Server.Tests.HttpJson;

namespace Sextant.Server.Tests.Ui;

/// <summary>The dashboard in a real browser (Debian's Chromium through Playwright) against a real server.</summary>
public sealed class DashboardTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    // Each chart's drawn marks (bars, lines, cells; a line's points, since a minute between quiet ones is a lone point)
    // with a non-empty box, chart by chart.
    private const string DrawnMarksPerChart = """
        () => Array.from(document.querySelectorAll('svg.chart')).map(svg =>
            Array.from(svg.querySelectorAll('.mark, .point')).filter(m => { const b = m.getBBox(); return b.width > 0 || b.height > 0; }).length)
        """;

    // Per chart, the drawn bars of the first two series (reference, current), told apart by their Okabe-Ito colours.
    private const string DrawnBarsPerSeries = """
        () => Array.from(document.querySelectorAll('svg.chart')).map(svg => ['#0072B2', '#E69F00'].map(fill =>
            Array.from(svg.querySelectorAll('rect.mark')).filter(m => m.getAttribute('fill') === fill && m.getBBox().width > 0).length))
        """;

    // Controls a screen reader could not name: inputs and selects without a label, buttons without text.
    private const string UnlabelledControls = """
        () => Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea, button'))
            .filter(e => e.tagName === 'BUTTON' ? e.textContent.trim() === '' : (e.labels.length === 0 && !e.getAttribute('aria-label')))
            .map(e => e.outerHTML)
        """;

    private string[] TrainedPages =>
    [
        "/ui",
        "/ui/registry",
        "/ui/registry/versions/1",
        "/ui/runs",
        $"/ui/runs/{fixture.Runs[0]}",
        $"/ui/runs/compare?id={fixture.Runs[0]}&id={fixture.Runs[1]}",
        "/ui/predictions",
        "/ui/monitoring",
        "/ui/eda",
        $"/ui/eda/{fixture.ReportId}",
    ];

    [Fact]
    public async Task EveryPage_Loads200WithoutConsoleErrors_DrawsItsCharts_AndLabelsEveryControl()
    {
        var (page, errors) = await fixture.NewPageAsync();
        var minimumCharts = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["/ui"] = 3,
            ["/ui/registry"] = 2,
            [$"/ui/runs/{fixture.Runs[0]}"] = 1,
            [$"/ui/runs/compare?id={fixture.Runs[0]}&id={fixture.Runs[1]}"] = 2,
            ["/ui/predictions"] = 2,
            [$"/ui/eda/{fixture.ReportId}"] = 10,
        };
        foreach (var path in TrainedPages)
        {
            var response = await page.GotoAsync(new Uri(fixture.Trained, path).ToString());
            Assert.NotNull(response);
            Assert.True(response.Status == 200, $"{path} answered {response.Status}");
            Assert.Equal("Sextant", await page.InnerTextAsync("header .brand"));
            var marks = await page.EvaluateAsync<int[]>(DrawnMarksPerChart);
            Assert.True(marks.Length >= minimumCharts.GetValueOrDefault(path), $"{path} shows {marks.Length} charts");
            Assert.All(marks, count => Assert.True(count > 0, $"{path} has a chart without drawn marks ({string.Join(", ", marks)})"));
            Assert.Empty(await page.EvaluateAsync<string[]>(UnlabelledControls));
            Assert.True(errors.Count == 0, $"{path}: {string.Join(" | ", errors)}");
            // A report is tens of thousands of pixels long: its first screen shows what it looks like.
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("desktop", path), FullPage = !path.StartsWith("/ui/eda/", StringComparison.Ordinal) });
        }
    }

    [Fact]
    public async Task Overview_ShowsTheServedModelAndTheLastHoursTraffic()
    {
        var (page, errors) = await fixture.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Trained, "/ui").ToString());
        var served = await page.InnerTextAsync("#served-h ~ .grid dl");
        Assert.Contains("v1", served, StringComparison.Ordinal);
        Assert.Contains("prod", served, StringComparison.Ordinal);
        Assert.Contains("ridge", served, StringComparison.Ordinal);
        // 12 predictions and one refused record were sent by the fixture, plus whatever the other tests sent since.
        var requests = long.Parse(await page.InnerTextAsync(".cards li:nth-child(2) .value"), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.True(requests >= 13, $"{requests} requests shown");
        Assert.NotEqual("0", await page.InnerTextAsync(".cards li:nth-child(4) .value"));
        Assert.Contains("Latency percentiles", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task RunsSearch_ByKeyboard_FiltersWithTheFilterLanguage()
    {
        var (page, errors) = await fixture.NewPageAsync();
        var runs = await ReadRunsAsync();
        var (better, worse) = runs[fixture.Runs[0]] < runs[fixture.Runs[1]] ? (fixture.Runs[0], fixture.Runs[1]) : (fixture.Runs[1], fixture.Runs[0]);
        var cut = ((runs[better] + runs[worse]) / 2).ToString("R", CultureInfo.InvariantCulture);

        await page.GotoAsync(new Uri(fixture.Trained, "/ui/runs").ToString());
        Assert.Equal(2, await page.Locator("main table tbody tr").CountAsync());
        // Keyboard only: Tab from the top of the page to the filter box, type, Enter submits.
        for (var i = 0; i < 20 && await page.EvaluateAsync<string>("() => document.activeElement.id") != "filter"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Equal("filter", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync($"metrics.rmse < {cut}");
        // Enter submits the form: the wait starts before the key press, so a busy machine cannot slip the navigation past it.
        var navigated = page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/ui/runs\\?filter="), new PageWaitForURLOptions { Timeout = 90_000 });
        await page.Keyboard.PressAsync("Enter");
        await navigated;

        var rows = page.Locator("main table tbody tr");
        Assert.Equal(1, await rows.CountAsync());
        Assert.Equal(better, await rows.Locator("input[name=id]").GetAttributeAsync("value"));
        Assert.Equal($"metrics.rmse < {cut}", await page.InputValueAsync("#filter"));
        Assert.Empty(errors);

        var broken = await page.GotoAsync(new Uri(fixture.Trained, "/ui/runs?filter=" + Uri.EscapeDataString("metrics.rmse <<")).ToString());
        Assert.Equal(400, broken!.Status);
        Assert.Contains("could not be read", await page.InnerTextAsync("[role=alert]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_TickedRuns_ShowsBothWithParamsDiffAndMetricCharts()
    {
        var (page, errors) = await fixture.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Trained, "/ui/runs").ToString());
        await page.CheckAsync($"#cmp-{fixture.Runs[0]}");
        await page.CheckAsync($"#cmp-{fixture.Runs[1]}");
        await page.ClickAsync("text=Compare selected runs");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/ui/runs/compare\\?id="));

        Assert.Contains("/ui/runs/compare?", page.Url, StringComparison.Ordinal);
        var columns = page.Locator("#metrics-h ~ .table-wrap thead a");
        var links = await columns.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal(fixture.Runs.Select(id => $"/ui/runs/{id}").Order(StringComparer.Ordinal), links.Order(StringComparer.Ordinal));
        var labels = await columns.AllInnerTextsAsync();
        Assert.Equal(2, labels.Distinct(StringComparer.Ordinal).Count());
        // The two versions differ in their ridge penalty: the diff shows it.
        var diff = await page.InnerTextAsync("#params-h + .table-wrap");
        Assert.Contains("l2", diff, StringComparison.Ordinal);
        var marks = await page.EvaluateAsync<int[]>(DrawnMarksPerChart);
        Assert.NotEmpty(marks);
        Assert.All(marks, m => Assert.Equal(2, m)); // one bar per run
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Promote_WithoutKeyIsRefused_GateRefusalSaysWhy_WithKeyMovesTheAlias_AndTheKeyIsNeverShown()
    {
        var (page, _) = await fixture.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Trained, "/ui/registry").ToString());
        Assert.Equal(1, await AliasAsync("prod"));

        await page.SelectOptionAsync("#promote-version", "2");
        var anonymous = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button:text('Promote')"), r => r.Url.EndsWith("/ui/registry/promote", StringComparison.Ordinal));
        Assert.Equal(401, anonymous.Status);
        Assert.Contains("refused", await page.InnerTextAsync("#notice-h"), StringComparison.Ordinal);
        Assert.Equal(1, await AliasAsync("prod"));

        // v2 is the heavily penalised model: the gate refuses it and the page says why, criterion by criterion.
        await page.SelectOptionAsync("#promote-version", "2");
        await page.FillAsync("#promote-key", DashboardFixture.AdminKey);
        var gated = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button:text('Promote')"), r => r.Url.EndsWith("/ui/registry/promote", StringComparison.Ordinal));
        Assert.Equal(200, gated.Status);
        Assert.Contains("The gate refused v2", await page.InnerTextAsync("#notice-h"), StringComparison.Ordinal);
        Assert.Contains("failed", await page.InnerTextAsync("[role=alert] table"), StringComparison.Ordinal);
        Assert.Equal(1, await AliasAsync("prod"));
        Assert.DoesNotContain(DashboardFixture.AdminKey, await page.ContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("desktop", "/ui/registry/refused"), FullPage = true });

        await page.SelectOptionAsync("#promote-version", "2");
        await page.FillAsync("#promote-key", DashboardFixture.AdminKey);
        await page.FillAsync("#promote-reason", "browser test");
        await page.FillAsync("#promote-actor", "dora");
        await page.CheckAsync("#promote-force");
        var forced = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button:text('Promote')"), r => r.Url.EndsWith("/ui/registry/promote", StringComparison.Ordinal));
        Assert.Equal(200, forced.Status);
        Assert.Contains("Promoted v2 to 'prod' (forced)", await page.InnerTextAsync("#notice-h"), StringComparison.Ordinal);
        Assert.Equal(2, await AliasAsync("prod"));
        Assert.Contains("dora (key:", await page.InnerTextAsync("#history-h + .table-wrap"), StringComparison.Ordinal);
        Assert.DoesNotContain(DashboardFixture.AdminKey, await page.ContentAsync(), StringComparison.Ordinal);

        // Roll back through the history, which puts prod where the other tests expect it.
        await page.SelectOptionAsync("#rollback-alias", "prod");
        await page.FillAsync("#rollback-key", DashboardFixture.AdminKey);
        var back = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button:text('Roll back')"), r => r.Url.EndsWith("/ui/registry/rollback", StringComparison.Ordinal));
        Assert.Equal(200, back.Status);
        Assert.Equal(1, await AliasAsync("prod"));
        Assert.DoesNotContain(DashboardFixture.AdminKey, await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ui/runs/0123456789abcdef-missing", 404, "Run not found")]
    [InlineData("/ui/registry/versions/99", 404, "Version not found")]
    [InlineData("/ui/registry/versions/two", 404, "Version not found")]
    [InlineData("/ui/eda/00000000deadbeef", 404, "Report not found")]
    [InlineData("/ui/eda/..%2F..%2Fsextant.yaml", 404, "Report not found")]
    [InlineData("/ui/runs/compare?id=only-one", 400, "Choose two or more runs")]
    [InlineData("/ui/no/such/page", 404, "Page not found")]
    [InlineData("/ui/predictions?page=3000", 400, "Page out of range")]
    public async Task BadInput_IsAClearMessagePageWithTheRightStatus(string path, int status, string heading)
    {
        var (page, _) = await fixture.NewPageAsync();
        var response = await page.GotoAsync(new Uri(fixture.Trained, path).ToString());
        Assert.Equal(status, response!.Status);
        Assert.Equal(heading, await page.InnerTextAsync("h1"));
        var text = await page.InnerTextAsync("body");
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Sextant.", text, StringComparison.Ordinal);
        Assert.True(await page.Locator("main a").CountAsync() > 0, "the message page offers a way on");
        if (path.StartsWith("/ui/runs/0123", StringComparison.Ordinal))
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("desktop", "/ui/runs/missing"), FullPage = true });
        }
    }

    [Fact]
    public async Task Promote_PostedFromElsewhere_WithoutTheFormsAntiforgeryToken_IsRefusedEvenWithTheKey()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["version"] = "2", ["alias"] = "prod", ["force"] = "on", ["admin_key"] = DashboardFixture.AdminKey });
        using var response = await fixture.Api.PostAsync("/ui/registry/promote", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(DashboardFixture.AdminKey, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await AliasAsync("prod"));
    }

    [Fact]
    public async Task Predictions_PageBeyondTheLog_SaysSoAndLinksBack()
    {
        var (page, errors) = await fixture.NewPageAsync();
        var response = await page.GotoAsync(new Uri(fixture.Trained, "/ui/predictions?page=2").ToString());
        Assert.Equal(200, response!.Status);
        Assert.Contains("No predictions on this page", await page.InnerTextAsync("#log-h + .empty"), StringComparison.Ordinal);
        Assert.Equal("← Newer", await page.InnerTextAsync("a[rel=prev]"));
        Assert.Equal(0, await page.Locator("a[rel=next]").CountAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task EveryPage_FitsAPhoneWidth_WithoutSidewaysScrolling()
    {
        var (page, errors) = await fixture.NewPageAsync(390, 844);
        foreach (var path in TrainedPages)
        {
            var response = await page.GotoAsync(new Uri(fixture.Trained, path).ToString());
            Assert.Equal(200, response!.Status);
            var scroll = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            var width = await page.EvaluateAsync<int>("() => window.innerWidth");
            Assert.True(scroll <= width, $"{path} is {scroll} px wide on a {width} px screen");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("phone", path), FullPage = !path.StartsWith("/ui/eda/", StringComparison.Ordinal) });
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task EmptyProject_EveryPageSaysWhatToDoNext()
    {
        var (page, errors) = await fixture.NewPageAsync();
        foreach (var (path, next) in new[]
        {
            ("/ui", "sextant train -p DIR"),
            ("/ui", "POST /predict"),
            ("/ui/registry", "sextant train -p DIR"),
            ("/ui/runs", "sextant train -p DIR"),
            ("/ui/predictions", "POST /predict"),
            ("/ui/monitoring", "sextant train -p DIR"),
            ("/ui/forecasts", "sextant forecast -p DIR --register"),
            ("/ui/eda", "sextant eda -p DIR"),
        })
        {
            var response = await page.GotoAsync(new Uri(fixture.Empty, path).ToString());
            Assert.Equal(200, response!.Status);
            Assert.Contains(next, string.Join(" | ", await page.Locator(".empty").AllInnerTextsAsync()), StringComparison.Ordinal);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("empty", path), FullPage = true });
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Stylesheet_IsServedByTheServer_AndPagesFetchNothingElsewhere()
    {
        var (page, _) = await fixture.NewPageAsync();
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);
        await page.GotoAsync(new Uri(fixture.Trained, "/ui/registry").ToString());
        Assert.Contains(requested, u => u.EndsWith("/ui/assets/site.css", StringComparison.Ordinal));
        Assert.All(requested, u => Assert.StartsWith(fixture.Trained.ToString().TrimEnd('/'), u, StringComparison.Ordinal));
        // The stylesheet applied: the header has the brand colour, not the browser's default.
        Assert.Equal("rgb(11, 57, 84)", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('header.top')).backgroundColor"));
    }

    [Fact]
    public async Task Monitoring_DriftedTraffic_ShowsTheDecision_EveryFeature_AndReferenceAgainstCurrentCharts()
    {
        var (page, errors) = await fixture.NewPageAsync();
        var response = await page.GotoAsync(new Uri(fixture.Monitored, "/ui/monitoring").ToString());
        Assert.Equal(200, response!.Status);
        Assert.Equal("Dataset drift", await page.InnerTextAsync("#decision-h"));
        // No labels were sent: the performance section says how they arrive.
        Assert.Contains("no labelled predictions in the window", await page.InnerTextAsync("#performance-state"), StringComparison.Ordinal);
        var rows = page.Locator("#features-h + .table-wrap tbody tr");
        var features = await rows.CountAsync();
        Assert.True(features >= 10, $"{features} rows in the feature table");
        Assert.Contains("drifted", await rows.Filter(new() { HasText = "PRICEEACH" }).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(DashboardFixture.DriftedRows.ToString(CultureInfo.InvariantCulture), await page.InnerTextAsync(".cards"), StringComparison.Ordinal);

        // One chart per feature and the predictions, each with drawn bars of both the reference and the current window.
        var series = await page.EvaluateAsync<int[][]>(DrawnBarsPerSeries);
        Assert.Equal(features, series.Length);
        Assert.All(series, bars => Assert.True(bars[0] > 0 && bars[1] > 0, $"a chart draws {bars[0]} reference and {bars[1]} current bars"));
        Assert.Contains("Predictions:", await page.InnerTextAsync("#distributions-h + .grid"), StringComparison.Ordinal);

        // The charts' numbers are the API's: PRICEEACH's quantile bins hold every row of the window.
        using (var api = await fixture.MonitoredApi.GetAsync("/monitoring/drift"))
        {
            var price = (await ReadAsync(api)).GetProperty("drift").GetProperty("features").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "PRICEEACH").GetProperty("buckets");
            Assert.Equal(price.GetProperty("edges").GetArrayLength() + 1, price.GetProperty("current").GetArrayLength());
            Assert.Equal(DashboardFixture.DriftedRows, price.GetProperty("current").EnumerateArray().Sum(c => c.GetDouble()));
        }
        Assert.Empty(await page.EvaluateAsync<string[]>(UnlabelledControls));
        Assert.True(errors.Count == 0, string.Join(" | ", errors));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("desktop", "/ui/monitoring/drifted"), FullPage = true });

        var (phone, phoneErrors) = await fixture.NewPageAsync(390, 844);
        Assert.Equal(200, (await phone.GotoAsync(new Uri(fixture.Monitored, "/ui/monitoring?all=true").ToString()))!.Status);
        var scroll = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scroll <= 390, $"the monitoring page is {scroll} px wide on a 390 px screen");
        Assert.Empty(phoneErrors);
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("phone", "/ui/monitoring/drifted"), FullPage = true });
    }

    [Theory]
    [InlineData("trained", "/ui/monitoring", 200, "Not enough data to check")]
    [InlineData("quiet", "/ui/monitoring", 200, "No predictions logged yet")]
    [InlineData("monitored", "/ui/monitoring?version=2", 200, "No predictions in this window")]
    [InlineData("monitored", "/ui/monitoring?since=2099-01-01", 200, "No predictions in this window")]
    [InlineData("monitored", "/ui/monitoring?until=soon", 400, "Check refused")]
    [InlineData("monitored", "/ui/monitoring?version=1&alias=prod", 400, "Check refused")]
    public async Task Monitoring_WindowsWithoutACheck_AreStatesThatSayWhatToDo(string server, string path, int status, string says)
    {
        var (page, errors) = await fixture.NewPageAsync();
        var root = server switch { "trained" => fixture.Trained, "quiet" => fixture.Quiet, _ => fixture.Monitored };
        var response = await page.GotoAsync(new Uri(root, path).ToString());
        Assert.Equal(status, response!.Status);
        var shown = await page.InnerTextAsync(status == 200 ? "#check-state" : "[role=alert]");
        Assert.Contains(says, shown, StringComparison.Ordinal);
        Assert.Contains(status == 200 ? "POST /predict" : "", shown, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#decision-h").CountAsync());
        Assert.Equal(0, await page.Locator("svg.chart").CountAsync());
        Assert.DoesNotContain("Exception", await page.InnerTextAsync("body"), StringComparison.Ordinal);
        // A refused page's own status is the browser's one console error.
        Assert.True(errors.All(e => e.Contains($"status of {status}", StringComparison.Ordinal)), string.Join(" | ", errors));
        if (server == "quiet")
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("empty", "/ui/monitoring/quiet"), FullPage = true });
        }
    }

    [Fact]
    public async Task Monitoring_AcknowledgeWithoutKeyIsRefused_WithKeyAcknowledges_ResolveCloses_AndTheKeyIsNeverShown()
    {
        var alerts = await AlertsAsync(all: false);
        var data = alerts.Single(a => a.Kind == "data_drift");
        var prediction = alerts.Single(a => a.Kind == "prediction_drift");
        Assert.Equal(("open", "open"), (data.State, prediction.State));

        // Posted from elsewhere (no antiforgery token of the form): refused even with the key.
        using (var forged = new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "ack", ["admin_key"] = DashboardFixture.AdminKey }))
        using (var response = await fixture.MonitoredApi.PostAsync($"/ui/monitoring/alerts/{data.Id}", forged))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal("open", (await AlertsAsync(all: false)).Single(a => a.Id == data.Id).State);

        var (page, errors) = await fixture.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Monitored, "/ui/monitoring").ToString());
        var card = page.Locator("article.alert-card").Filter(new() { Has = page.Locator($"#alert-{data.Id}-h") });
        Assert.Contains("PRICEEACH", await card.InnerTextAsync(), StringComparison.Ordinal);
        var anonymous = await page.RunAndWaitForResponseAsync(() => card.Locator("button:text('Acknowledge')").ClickAsync(), r => r.Url.Contains($"/ui/monitoring/alerts/{data.Id}", StringComparison.Ordinal));
        Assert.Equal(401, anonymous.Status);
        Assert.Contains("refused", await page.InnerTextAsync("#notice-h"), StringComparison.Ordinal);
        Assert.Contains("admin key", await page.InnerTextAsync("[role=alert]"), StringComparison.Ordinal);
        Assert.Equal("open", (await AlertsAsync(all: false)).Single(a => a.Id == data.Id).State);

        card = page.Locator("article.alert-card").Filter(new() { Has = page.Locator($"#alert-{data.Id}-h") });
        await card.Locator("input[name=admin_key]").FillAsync(DashboardFixture.AdminKey);
        await card.Locator("input[name=actor]").FillAsync("erin");
        var acknowledged = await page.RunAndWaitForResponseAsync(() => card.Locator("button:text('Acknowledge')").ClickAsync(), r => r.Url.Contains($"/ui/monitoring/alerts/{data.Id}", StringComparison.Ordinal));
        Assert.Equal(200, acknowledged.Status);
        Assert.Equal($"Alert {data.Id} acknowledged", await page.InnerTextAsync("#notice-h"));
        var after = (await AlertsAsync(all: false)).Single(a => a.Id == data.Id);
        Assert.Equal("acknowledged", after.State);
        Assert.StartsWith("erin (key:", after.AcknowledgedBy, StringComparison.Ordinal);
        Assert.DoesNotContain(DashboardFixture.AdminKey, await page.ContentAsync(), StringComparison.Ordinal);

        // An acknowledged alert can still be resolved; a resolved one has no form and shows with the resolved toggle.
        card = page.Locator("article.alert-card").Filter(new() { Has = page.Locator($"#alert-{prediction.Id}-h") });
        await card.Locator("input[name=admin_key]").FillAsync(DashboardFixture.AdminKey);
        var resolved = await page.RunAndWaitForResponseAsync(() => card.Locator("button:text('Resolve')").ClickAsync(), r => r.Url.Contains($"/ui/monitoring/alerts/{prediction.Id}", StringComparison.Ordinal));
        Assert.Equal(200, resolved.Status);
        Assert.DoesNotContain(await AlertsAsync(all: false), a => a.Id == prediction.Id);
        Assert.Equal("resolved", (await AlertsAsync(all: true)).Single(a => a.Id == prediction.Id).State);
        Assert.Equal(0, await page.Locator($"#alert-{prediction.Id}-h").CountAsync());
        await page.ClickAsync("text=Show resolved alerts too");
        card = page.Locator("article.alert-card").Filter(new() { Has = page.Locator($"#alert-{prediction.Id}-h") });
        Assert.Contains("resolved", await card.Locator("h3").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await card.Locator("form").CountAsync());
        Assert.DoesNotContain(DashboardFixture.AdminKey, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.True(errors.All(e => e.Contains("status of 401", StringComparison.Ordinal)), string.Join(" | ", errors));
    }

    private async Task<List<(long Id, string Kind, string State, string? AcknowledgedBy)>> AlertsAsync(bool all)
    {
        using var response = await fixture.MonitoredApi.GetAsync($"/monitoring/alerts?all={(all ? "true" : "false")}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await ReadAsync(response)).GetProperty("alerts").EnumerateArray().Select(a => (
            a.GetProperty("id").GetInt64(), a.GetProperty("kind").GetString()!, a.GetProperty("state").GetString()!,
            a.TryGetProperty("acknowledged_by", out var by) ? by.GetString() : null))];
    }

    private async Task<int> AliasAsync(string alias)
    {
        using var response = await fixture.Api.GetAsync("/registry");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadAsync(response)).GetProperty("aliases").GetProperty(alias).GetInt32();
    }

    private async Task<Dictionary<string, double>> ReadRunsAsync()
    {
        using var response = await fixture.Api.GetAsync("/runs");
        var runs = (await ReadAsync(response)).GetProperty("runs").EnumerateArray();
        return runs.ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("metrics").GetProperty("rmse").GetDouble());
    }

    private string Shot(string kind, string path)
    {
        var name = path.Trim('/').Split('?')[0].Replace(fixture.Runs[0], "run", StringComparison.Ordinal).Replace(fixture.ReportId, "report", StringComparison.Ordinal).Replace('/', '-');
        return Path.Combine(fixture.Screenshots, $"{kind}-{(name.Length == 0 ? "ui" : name)}.png");
    }

    [Fact]
    public async Task Forecasts_ShowVersions_TheSegmentsHistoryAndForecastWithItsInterval_AndSwitchSegments()
    {
        var (page, errors) = await fixture.NewPageAsync();
        var response = await page.GotoAsync(new Uri(fixture.Forecasting, "/ui/forecasts").ToString());
        Assert.Equal(200, response!.Status);
        Assert.Contains("prod", await page.InnerTextAsync("#versions-h + .table-wrap"), StringComparison.Ordinal);
        Assert.Contains("Theta", await page.InnerTextAsync("#forecast-state"), StringComparison.Ordinal);
        // One chart: the observed line, the forecast line and its shaded interval, all drawn.
        var marks = await page.EvaluateAsync<int[]>(DrawnMarksPerChart);
        Assert.True(marks.Length == 1 && marks[0] >= 2, string.Join(", ", marks));
        Assert.Equal(1, await page.Locator("svg.chart path.band").CountAsync());
        Assert.Equal(8, await page.Locator("#segment-h ~ .table-wrap tbody tr").CountAsync());
        Assert.Empty(await page.EvaluateAsync<string[]>(UnlabelledControls));

        var first = await page.InnerTextAsync("#segment-h");
        await page.SelectOptionAsync("#segment", new SelectOptionValue { Index = 2 });
        var navigated = page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("segment=2"), new PageWaitForURLOptions { Timeout = 90_000 });
        await page.ClickAsync("form.fields button[type=submit]");
        await navigated;
        Assert.NotEqual(first, await page.InnerTextAsync("#segment-h"));
        Assert.Contains("segment=2", page.Url, StringComparison.Ordinal);
        Assert.True(errors.Count == 0, string.Join(" | ", errors));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("desktop", "/ui/forecasts"), FullPage = true });

        Assert.Equal(404, (await page.GotoAsync(new Uri(fixture.Forecasting, "/ui/forecasts?version=9").ToString()))!.Status);
        var (phone, phoneErrors) = await fixture.NewPageAsync(390, 844);
        Assert.Equal(200, (await phone.GotoAsync(new Uri(fixture.Forecasting, "/ui/forecasts").ToString()))!.Status);
        var scroll = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scroll <= 390, $"the forecasts page is {scroll} px wide on a 390 px screen");
        Assert.Empty(phoneErrors);
    }
}
