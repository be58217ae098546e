using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Sextant.Examples;
using Sextant.Projects;
using Sextant.Reports;
using Sextant.Reports.Eda;
using static Sextant.Server.Tests.HttpJson;

namespace Sextant.Server.Tests.Ui;

/// <summary>
/// A real server on 127.0.0.1 serving <c>prod</c> (v1) of a two-version sales project with <c>staging</c> (v2) as its
/// shadow, a stored EDA report and some logged traffic; a second server of a project with nothing in it; and Debian's
/// Chromium (never a downloaded browser) driven by Playwright.
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

    /// <summary>The run ids of v1 and v2.</summary>
    public IReadOnlyList<string> Runs { get; private set; } = [];

    public string ReportId { get; private set; } = "";

    /// <summary>Where the screenshots go: the test output folder.</summary>
    public string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

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
        await SendTrafficAsync();

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

    private async Task<Uri> StartAsync(ServerOptions options)
    {
        var app = await SextantServer.BuildAsync(options);
        _apps.Add(app);
        await app.StartAsync();
        return new Uri(app.Urls.Single());
    }
}
