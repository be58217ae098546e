using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Sextant.Core.Tests.Monitoring;
using Sextant.Examples;
using Sextant.Projects;
using Sextant.Reports;
using Sextant.Reports.Eda;
using static Sextant.Server.Tests.HttpJson;

namespace Sextant.Server.Tests.Ui;

/// <summary>
/// A real server on 127.0.0.1 serving <c>prod</c> (v1) of a two-version sales project with <c>staging</c> (v2) as its
/// shadow, a stored EDA report and some logged traffic; a second server of a project with nothing in it; a third whose
/// log holds drifted traffic with the alerts of a check open, and a fourth of the same versions with nothing logged; and
/// Debian's Chromium (never a downloaded browser) driven by Playwright.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string AdminKey = "dashboard-admin-key-7f3a";

    public const string Chromium = "/usr/bin/chromium";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"sextant-dashboard-{Guid.NewGuid():N}");
    private readonly List<WebApplication> _apps = [];
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The trained project's server address, e.g. http://127.0.0.1:41234.</summary>
    public Uri Trained { get; private set; } = null!;

    /// <summary>A project folder with its data but no dataset, run, model or report.</summary>
    public Uri Empty { get; private set; } = null!;

    public HttpClient Api { get; private set; } = null!;

    /// <summary>The produce example with a registered, promoted forecast version (weekly mean price per category).</summary>
    public Uri Forecasting { get; private set; } = null!;

    /// <summary>Serves <c>prod</c> (v1) of a two-version project whose log holds <see cref="DriftedRows"/> drifted predictions, checked once with alerts.</summary>
    public Uri Monitored { get; private set; } = null!;

    public HttpClient MonitoredApi { get; private set; } = null!;

    /// <summary>The same two versions as <see cref="Monitored"/>, serving <c>prod</c>, with nothing logged.</summary>
    public Uri Quiet { get; private set; } = null!;

    /// <summary>The run ids of v1 and v2.</summary>
    public IReadOnlyList<string> Runs { get; private set; } = [];

    public string ReportId { get; private set; } = "";

    /// <summary>Where the screenshots go: the test output folder.</summary>
    public string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Predictions sent to <see cref="Monitored"/>: twice a check's default minimum of 200.</summary>
    public const int DriftedRows = 400;

    public async Task InitializeAsync()
    {
        var trained = Path.Combine(_root, "sales");
        Runs = await TwoVersionProject.CreateAsync(trained, ("prod", 1), ("staging", 2));
        await using (var project = await SextantProject.OpenAsync(trained))
        {
            var (info, table) = await project.Store.LoadDatasetAsync(project.Name, null);
            var report = EdaAnalyzer.Analyze(table, new EdaInput { Dataset = info.Name, Version = info.Version, Fingerprint = info.Fingerprint, Schema = project.Schema });
            await new ReportStore(project.Directory).SaveAsync(report);
            ReportId = report.Manifest.ReportId;
        }

        Trained = await StartAsync(new ServerOptions { Project = trained, Urls = "http://127.0.0.1:0", Alias = "prod", ShadowAlias = "staging", AdminKeys = [AdminKey], PredictionLogFlushInterval = TimeSpan.FromMilliseconds(20) });
        var empty = Path.Combine(_root, "empty");
        await ExampleProjects.Create("sales", 200).WriteToAsync(empty);
        Empty = await StartAsync(new ServerOptions { Project = empty, Urls = "http://127.0.0.1:0" });
        Api = new HttpClient { BaseAddress = Trained };
        Forecasting = await StartForecastingAsync();
        await SendTrafficAsync();
        await StartMonitoredAsync();

        Directory.CreateDirectory(Screenshots);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Api?.Dispose();
        MonitoredApi?.Dispose();
        foreach (var app in _apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>A fresh page (own cookies) at the given width; console errors and page errors are collected.</summary>
    public async Task<(IPage Page, List<string> Errors)> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "en-US" });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return (page, errors);
    }

    // Predictions the log keeps (with the staging shadow), one refused record for the error chart.
    private async Task SendTrafficAsync()
    {
        for (var i = 0; i < 12; i++)
        {
            using var response = await Api.PostAsync("/predict", Content(TwoVersionProject.Record.Replace("\"QUANTITYORDERED\":30", $"\"QUANTITYORDERED\":{20 + (i * 3)}", StringComparison.Ordinal)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using (var bad = await Api.PostAsync("/predict", Content("""{"QUANTITYORDERED":"many"}""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        // The log and the shadow are written off the request path: wait until every prediction has its shadow.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            await using var project = await SextantProject.OpenAsync(Path.Combine(_root, "sales"));
            var logged = await project.Metadata.RecentPredictionsAsync(project.Name, 100);
            if (logged.Count == 12 && logged.All(r => r.ShadowPrediction is not null))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The prediction log did not receive the 12 predictions with their shadows within 20 s.");
    }

    // One training for two servers: the quiet project is a copy made before any traffic. The drifted records (five of the
    // ten features moved) go through POST /predict/batch, and an admin check opens the alerts.
    private async Task StartMonitoredAsync()
    {
        var monitored = Path.Combine(_root, "monitored");
        var quiet = Path.Combine(_root, "quiet");
        await TwoVersionProject.CreateAsync(monitored, ("prod", 1));
        IReadOnlyList<string> records;
        await using (var project = await SextantProject.OpenAsync(monitored))
        {
            records = await SalesTraffic.RecordsAsync(project, DriftedRows, seed: 3, drifted: true);
        }

        SqliteConnection.ClearAllPools();
        CopyFolder(monitored, quiet);
        Quiet = await StartAsync(new ServerOptions { Project = quiet, Urls = "http://127.0.0.1:0", Alias = "prod" });
        Monitored = await StartAsync(new ServerOptions { Project = monitored, Urls = "http://127.0.0.1:0", Alias = "prod", AdminKeys = [AdminKey], PredictionLogFlushInterval = TimeSpan.FromMilliseconds(20) });
        MonitoredApi = new HttpClient { BaseAddress = Monitored };
        using (var response = await MonitoredApi.PostAsync("/predict/batch", Content("[" + string.Join(",", records) + "]")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await LoggedRowsAsync() < DriftedRows)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The prediction log did not receive the {DriftedRows} predictions within 30 s.");
            await Task.Delay(50);
        }

        using var check = new HttpRequestMessage(HttpMethod.Post, "/monitoring/check");
        check.Headers.Add("X-API-Key", AdminKey);
        using var checkResponse = await MonitoredApi.SendAsync(check);
        var result = await ReadAsync(checkResponse);
        Assert.True(checkResponse.StatusCode == HttpStatusCode.OK, result.ToString());
        Assert.Contains("data_drift", result.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("alert").GetProperty("kind").GetString()));
    }

    // The rows a drift read of the served version sees; before the log's first flush the window is empty (a 400).
    private async Task<int> LoggedRowsAsync()
    {
        using var response = await MonitoredApi.GetAsync("/monitoring/drift");
        return response.StatusCode == HttpStatusCode.OK ? (await ReadAsync(response)).GetProperty("window_rows").GetInt32() : 0;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private async Task<Uri> StartForecastingAsync()
    {
        var root = Path.Combine(_root, "produce");
        var example = ExampleProjects.Create("produce");
        await (example with { Config = example.Config with { Forecast = example.Config.Forecast! with { Frequency = "weekly", Horizon = 8, Holdout = 8, Method = "theta" } } }).WriteToAsync(root);
        await using (var project = await SextantProject.OpenAsync(root))
        {
            await Sextant.Data.Ingest.Ingestion.IngestAsync(project);
            var (version, _, _) = await Sextant.Forecasting.Registry.ForecastVersions.TrainAsync(project);
            await new Sextant.Registry.ModelRegistry(project, forecast: true).PromoteAsync(version.Version, "prod", "setup");
        }

        return await StartAsync(new ServerOptions { Project = root, Urls = "http://127.0.0.1:0" });
    }

    private async Task<Uri> StartAsync(ServerOptions options)
    {
        var app = await SextantServer.BuildAsync(options);
        _apps.Add(app);
        await app.StartAsync();
        return new Uri(app.Urls.Single());
    }
}
