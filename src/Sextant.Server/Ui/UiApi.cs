using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Sextant.Models;
using Sextant.Monitoring.Alerts;
using Sextant.Monitoring.Checks;
using Sextant.Registry;
using Sextant.Reports;
using Sextant.Server.Metrics;
using Sextant.Server.Monitoring;
using Sextant.Server.Security;
using Sextant.Server.Ui.Pages;
using Sextant.Storage;
using Sextant.Training;

namespace Sextant.Server.Ui;

/// <summary>
/// The dashboard under <c>/ui</c>: Razor components rendered on the server (static rendering, no script), charts as
/// inline SVG from <c>Sextant.Reports.Charts</c>, forms posting plain HTML with an antiforgery token. Every asset is
/// served from here, so the dashboard works offline.
/// </summary>
public static class UiApi
{
    /// <summary>Rows of the prediction log per page.</summary>
    public const int PredictionPageSize = 50;

    /// <summary>The newest predictions the distribution is drawn from.</summary>
    public const int DistributionWindow = 5_000;

    // Pages are read by people; no script runs, nothing is fetched from elsewhere, and no one may frame them.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static readonly Lazy<byte[]> s_stylesheet = new(() =>
    {
        using var stream = typeof(UiApi).Assembly.GetManifestResourceStream("Sextant.Server.Ui.Assets.site.css")
            ?? throw new InvalidOperationException("The dashboard stylesheet is not embedded in the server assembly.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    });

    /// <param name="services">The server's services.</param>
    /// <param name="keysDirectory">
    /// Where the antiforgery keys live: the project's <c>.sextant/ui-keys</c>, which every replica of a project shares,
    /// so a form rendered by one server is accepted by another behind a balancer without sticky sessions, and a restart
    /// keeps open forms valid. The keys sign form tokens only (no user data); the folder is as private as the project's store.
    /// </param>
    public static IServiceCollection AddSextantUi(this IServiceCollection services, string keysDirectory)
    {
        services.AddRazorComponents();
        services.AddDataProtection().SetApplicationName("sextant-dashboard").PersistKeysToFileSystem(new DirectoryInfo(keysDirectory));
        services.AddAntiforgery();
        return services;
    }

    public static WebApplication MapSextantUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAntiforgery();
        var ui = app.MapGroup("/ui").WithTags("Dashboard").ExcludeFromDescription().AddEndpointFilter(SecurityHeadersAsync);
        ui.MapGet("/", Overview).WithName("UiOverview");
        ui.MapGet("/registry", RegistryAsync).WithName("UiRegistry");
        ui.MapGet("/registry/versions/{version}", VersionAsync).WithName("UiVersion");
        ui.MapPost("/registry/promote", PromoteAsync).WithName("UiPromote");
        ui.MapPost("/registry/rollback", RollbackAsync).WithName("UiRollback");
        ui.MapGet("/runs", RunsAsync).WithName("UiRuns");
        ui.MapGet("/runs/compare", CompareAsync).WithName("UiCompareRuns");
        ui.MapGet("/runs/{id}", RunAsync).WithName("UiRun");
        ui.MapGet("/predictions", PredictionsAsync).WithName("UiPredictions");
        ui.MapGet("/monitoring", MonitoringAsync).WithName("UiMonitoring");
        ui.MapPost("/monitoring/alerts/{id:long}", AlertActionAsync).WithName("UiAlertAction");
        ui.MapGet("/forecasts", ForecastsAsync).WithName("UiForecasts");
        ui.MapGet("/eda", EdaListAsync).WithName("UiEdaReports");
        ui.MapGet("/eda/{id}", EdaReportAsync).WithName("UiEdaReport");
        ui.MapGet("/assets/site.css", Stylesheet).WithName("UiStylesheet");
        ui.MapGet("/{**path}", (ModelHost host, string path) => Message(host, StatusCodes.Status404NotFound, "Page not found",
            $"The dashboard has no page '/ui/{path}'.", "/ui", "Go to the overview"));
        return app;
    }

    private static async ValueTask<object?> SecurityHeadersAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // As antiforgery sets them on pages with a form: no page is cached.
        headers.CacheControl = "no-cache, no-store";
        headers.Pragma = "no-cache";
        return await next(context);
    }

    // The forecast versions, and one version's segment: its recent history and the forecast with its widest interval.
    private static async Task<RazorComponentResult> ForecastsAsync(ModelHost host, ForecastCache cache, int? version, int? segment, int? horizon, CancellationToken cancellationToken)
    {
        var project = host.Project;
        var model = Sextant.Forecasting.Registry.ForecastVersions.ModelName(project);
        var versions = await project.Metadata.ListVersionsAsync(model, cancellationToken);
        var aliases = await project.Metadata.GetAliasesAsync(model, cancellationToken);
        var parameters = new Dictionary<string, object?>
        {
            [nameof(ForecastsPage.Project)] = project.Name,
            [nameof(ForecastsPage.Model)] = model,
            [nameof(ForecastsPage.Versions)] = versions,
            [nameof(ForecastsPage.Aliases)] = aliases,
        };
        if (versions.Count == 0)
        {
            return Page<ForecastsPage>(parameters);
        }

        if (version is { } asked && versions.All(v => v.Version != asked))
        {
            return Message(host, StatusCodes.Status404NotFound, "Forecast version not found", $"{model} has no version {asked}; versions: {string.Join(", ", versions.Select(v => v.Version))}.", "/ui/forecasts", "All forecast versions");
        }

        var (info, artifact) = await cache.ResolveAsync(host, version ?? (aliases.TryGetValue("prod", out var prod) ? prod : versions[^1].Version), null, cancellationToken);
        var index = Math.Clamp(segment ?? 0, 0, artifact.Segments.Count - 1);
        var chosen = artifact.Segments[index];
        var h = Math.Clamp(horizon ?? artifact.Config.Horizon, 1, 1000);
        parameters[nameof(ForecastsPage.Selected)] = info;
        parameters[nameof(ForecastsPage.Artifact)] = artifact;
        parameters[nameof(ForecastsPage.SegmentIndex)] = index;
        parameters[nameof(ForecastsPage.Segment)] = chosen;
        parameters[nameof(ForecastsPage.Horizon)] = h;
        if (chosen.Method is null)
        {
            parameters[nameof(ForecastsPage.Error)] = $"This segment could not be forecast when v{info.Version} was trained: {chosen.Failure}";
            return Page<ForecastsPage>(parameters);
        }

        var forecast = cache.Model(info.Version, artifact, chosen).Forecast(h, artifact.Config.Levels);
        var series = chosen.Series();
        var shown = Math.Min(series.Length, Math.Max(6 * h, 2 * series.SeasonLength));
        var dated = series.TimeAt(0) is not null;
        double X(int i) => dated ? new DateTimeOffset(DateTime.SpecifyKind(series.TimeAt(i)!.Value, DateTimeKind.Utc)).ToUnixTimeSeconds() : series.PeriodAt(i);
        var history = Enumerable.Range(series.Length - shown, shown).ToArray();
        var ahead = Enumerable.Range(series.Length, h).ToArray();
        var widest = forecast.Bands.OrderByDescending(b => b.Level).FirstOrDefault();
        var chart = Sextant.Reports.Charts.LineChart.Render(
        [
            new Sextant.Reports.Charts.LineSeries("observed", [.. history.Select(X)], [.. history.Select(i => series[i])]),
            new Sextant.Reports.Charts.LineSeries(widest is null ? "forecast" : $"forecast ({widest.Level:0.##}% interval)", [.. ahead.Select(X)], forecast.Mean) { Lower = widest?.Lower, Upper = widest?.Upper },
        ], new Sextant.Reports.Charts.ChartOptions
        {
            Title = $"{chosen.Label}: the last {shown} periods and {h} ahead",
            XLabel = dated ? "time" : "period",
            YLabel = artifact.Config.Value,
        }, dated ? Sextant.Reports.Charts.AxisScale.Time : Sextant.Reports.Charts.AxisScale.Number);
        parameters[nameof(ForecastsPage.Chart)] = chart;
        parameters[nameof(ForecastsPage.Bands)] = forecast.Bands.Select(b => $"{b.Level:0.##}%").ToList();
        parameters[nameof(ForecastsPage.Rows)] = ahead.Select((t, k) => (series.TimeLabel(t), (double[])[forecast.Mean[k], .. forecast.Bands.SelectMany(b => new[] { b.Lower[k], b.Upper[k] })])).ToList();
        return Page<ForecastsPage>(parameters);
    }

    private static IResult Stylesheet(HttpContext http)
    {
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Bytes(s_stylesheet.Value, "text/css; charset=utf-8");
    }

    private static RazorComponentResult Page<TPage>(IReadOnlyDictionary<string, object?> parameters, int status = StatusCodes.Status200OK)
        where TPage : IComponent => new RazorComponentResult<TPage>(parameters) { StatusCode = status };

    private static RazorComponentResult Message(ModelHost host, int status, string title, string detail, string? link = null, string? linkText = null) =>
        Page<MessagePage>(new Dictionary<string, object?>
        {
            [nameof(MessagePage.Project)] = host.Project.Name,
            [nameof(MessagePage.Status)] = status,
            [nameof(MessagePage.Heading)] = title,
            [nameof(MessagePage.Detail)] = detail,
            [nameof(MessagePage.Link)] = link,
            [nameof(MessagePage.LinkText)] = linkText,
        }, status);

    private static RazorComponentResult Overview(ModelHost host, ServerMetrics metrics) =>
        Page<OverviewPage>(new Dictionary<string, object?>
        {
            [nameof(OverviewPage.Project)] = host.Project.Name,
            [nameof(OverviewPage.Served)] = host.Current,
            [nameof(OverviewPage.ServedAlias)] = host.Alias,
            [nameof(OverviewPage.LoadError)] = host.LoadError,
            [nameof(OverviewPage.UptimeSeconds)] = metrics.UptimeSeconds,
            [nameof(OverviewPage.History)] = metrics.History.Snapshot(),
        });

    private static Task<RazorComponentResult> RegistryAsync(ModelHost host, TimeProvider time, CancellationToken cancellationToken) =>
        RegistryPageAsync(host, time, null, StatusCodes.Status200OK, cancellationToken);

    private static async Task<RazorComponentResult> RegistryPageAsync(ModelHost host, TimeProvider time, FormNotice? notice, int status, CancellationToken cancellationToken)
    {
        var metadata = host.Project.Metadata;
        var model = host.Project.Name;
        return Page<RegistryPage>(new Dictionary<string, object?>
        {
            [nameof(RegistryPage.Project)] = model,
            [nameof(RegistryPage.PrimaryMetric)] = Trainer.PrimaryMetric(host.Project.Config),
            [nameof(RegistryPage.Versions)] = await metadata.ListVersionsAsync(model, cancellationToken),
            [nameof(RegistryPage.Aliases)] = await metadata.GetAliasesAsync(model, cancellationToken),
            [nameof(RegistryPage.Events)] = await metadata.AliasHistoryAsync(model, null, cancellationToken),
            [nameof(RegistryPage.Decisions)] = await metadata.ListDecisionsAsync(model, cancellationToken),
            [nameof(RegistryPage.Notice)] = notice,
            [nameof(RegistryPage.Now)] = time.GetUtcNow(),
        }, status);
    }

    private static async Task<RazorComponentResult> VersionAsync(ModelHost host, string version, CancellationToken cancellationToken)
    {
        var model = host.Project.Name;
        var detail = int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? await RegistryApi.VersionDetailAsync(host, number, cancellationToken)
            : null;
        if (detail is not { } found)
        {
            return Message(host, StatusCodes.Status404NotFound, "Version not found", $"Model '{model}' has no version '{version}'.", "/ui/registry", "See the registered versions");
        }

        return Page<VersionPage>(new Dictionary<string, object?>
        {
            [nameof(VersionPage.Project)] = model,
            [nameof(VersionPage.Info)] = found.Info,
            [nameof(VersionPage.Aliases)] = found.Aliases,
            [nameof(VersionPage.Decisions)] = found.Decisions,
        });
    }

    private static async Task<RazorComponentResult> PromoteAsync(ModelHost host, ApiKeys keys, TimeProvider time, IFormCollection form, CancellationToken cancellationToken)
    {
        var alias = form["alias"].ToString().Trim();
        var force = form["force"].ToString() is "on" or "true";
        if (!int.TryParse(form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return await RegistryPageAsync(host, time, FormNotice.Refused("Promotion refused", "Choose a version to promote."), StatusCodes.Status400BadRequest, cancellationToken);
        }

        return await AdminActionAsync(keys, form, "Promotion", (notice, status) => RegistryPageAsync(host, time, notice, status, cancellationToken), async actor =>
        {
            var outcome = await new ModelRegistry(host.Project).PromoteAsync(version, alias, actor, Blank(form["reason"]), force, cancellationToken);
            await RegistryApi.ReloadIfServedAsync(host, alias, outcome.Event is not null, cancellationToken);
            return FormNotice.From(outcome);
        });
    }

    private static async Task<RazorComponentResult> RollbackAsync(ModelHost host, ApiKeys keys, TimeProvider time, IFormCollection form, CancellationToken cancellationToken)
    {
        var alias = form["alias"].ToString().Trim();
        if (!int.TryParse(form["steps"], NumberStyles.None, CultureInfo.InvariantCulture, out var steps) || steps < 1)
        {
            return await RegistryPageAsync(host, time, FormNotice.Refused("Rollback refused", "Steps must be a whole number of at least 1."), StatusCodes.Status400BadRequest, cancellationToken);
        }

        return await AdminActionAsync(keys, form, "Rollback", (notice, status) => RegistryPageAsync(host, time, notice, status, cancellationToken), async actor =>
        {
            var events = await new ModelRegistry(host.Project).RollbackAsync(alias, actor, steps, Blank(form["reason"]), cancellationToken);
            await RegistryApi.ReloadIfServedAsync(host, alias, true, cancellationToken);
            return FormNotice.Done("Rolled back", $"'{alias}' now points to v{events[^1].ToVersion} ({events.Count} step(s) back).");
        });
    }

    // The same key check and error mapping as the registry and monitoring APIs; the key itself is read from the form and
    // never echoed. The page is rendered again with what happened (or why not) above it.
    private static async Task<RazorComponentResult> AdminActionAsync(ApiKeys keys, IFormCollection form, string action, Func<FormNotice, int, Task<RazorComponentResult>> page, Func<string, Task<FormNotice>> run)
    {
        var key = form["admin_key"].ToString();
        if (ApiKeyFilters.AdminRefusal(keys, key) is { } refusal)
        {
            return await page(FormNotice.Refused($"{action} refused: {refusal.Title.ToLowerInvariant()}", refusal.Detail), refusal.Status);
        }

        try
        {
            return await page(await run(RegistryApi.Actor(Blank(form["actor"]), key)), StatusCodes.Status200OK);
        }
        catch (Exception ex) when (ex is RegistryConflictException or AlertConflictException)
        {
            return await page(FormNotice.Refused($"{action} refused: conflict", ex.Message), StatusCodes.Status409Conflict);
        }
        catch (AlertNotFoundException ex)
        {
            return await page(FormNotice.Refused($"{action} refused: not found", ex.Message), StatusCodes.Status404NotFound);
        }
        catch (SextantException ex)
        {
            return await page(FormNotice.Refused($"{action} refused", ex.Message), StatusCodes.Status400BadRequest);
        }
    }

    private static Task<RazorComponentResult> MonitoringAsync(ModelHost host, MonitoringRunner runner, int? version, string? alias, string? since, string? until, int? last, bool? all, CancellationToken cancellationToken) =>
        MonitoringPageAsync(host, runner, new MonitoringQuery(version, alias, since, until, last, all ?? false), null, StatusCodes.Status200OK, cancellationToken);

    // The check GET /monitoring/drift runs (no alert changes), the alerts GET /monitoring/alerts lists. A window without
    // logged predictions is a state of the page, not a refusal; a window that cannot be read (bad time, unknown version) is.
    private static async Task<RazorComponentResult> MonitoringPageAsync(ModelHost host, MonitoringRunner runner, MonitoringQuery query, FormNotice? notice, int status, CancellationToken cancellationToken)
    {
        var metadata = host.Project.Metadata;
        var model = host.Project.Name;
        var versions = await metadata.ListVersionsAsync(model, cancellationToken);
        MonitoringCheckResult? result = null;
        string? emptyWindow = null, checkError = null;
        var logEmpty = false;
        if (versions.Count > 0)
        {
            try
            {
                var request = MonitoringCheckRequest.Parse(query.Version, query.Alias, query.Since, query.Until, query.Last, prefix: "") with { UpdateAlerts = false };
                result = await runner.CheckAsync(request, cancellationToken);
            }
            catch (EmptyWindowException ex)
            {
                emptyWindow = ex.Message;
                logEmpty = (await metadata.RecentPredictionsAsync(model, 1, cancellationToken)).Count == 0;
            }
            catch (SextantException ex)
            {
                checkError = ex.Message;
                status = status == StatusCodes.Status200OK ? StatusCodes.Status400BadRequest : status;
            }
        }

        return Page<MonitoringPage>(new Dictionary<string, object?>
        {
            [nameof(MonitoringPage.Project)] = model,
            [nameof(MonitoringPage.Query)] = query,
            [nameof(MonitoringPage.Versions)] = versions,
            [nameof(MonitoringPage.Aliases)] = await metadata.GetAliasesAsync(model, cancellationToken),
            [nameof(MonitoringPage.ServedVersion)] = host.Current?.Version,
            [nameof(MonitoringPage.Result)] = result,
            [nameof(MonitoringPage.EmptyWindow)] = emptyWindow,
            [nameof(MonitoringPage.LogEmpty)] = logEmpty,
            [nameof(MonitoringPage.CheckError)] = checkError,
            [nameof(MonitoringPage.MinimumRows)] = host.Project.Config.Monitoring.MinSample,
            [nameof(MonitoringPage.Alerts)] = await metadata.ListAlertsAsync(model, query.ShowResolved, 100, cancellationToken),
            [nameof(MonitoringPage.Notice)] = notice,
        }, status);
    }

    private static async Task<RazorComponentResult> AlertActionAsync(
        ModelHost host, MonitoringRunner runner, ApiKeys keys, long id, int? version, string? alias, string? since, string? until, int? last, bool? all, IFormCollection form, CancellationToken cancellationToken)
    {
        var query = new MonitoringQuery(version, alias, since, until, last, all ?? false);
        Task<RazorComponentResult> PageWith(FormNotice notice, int status) => MonitoringPageAsync(host, runner, query, notice, status, cancellationToken);
        AlertState? wanted = form["action"].ToString() switch
        {
            "ack" => AlertState.Acknowledged,
            "resolve" => AlertState.Resolved,
            _ => null,
        };
        if (wanted is not { } state)
        {
            return await PageWith(FormNotice.Refused("Alert change refused", "Press Acknowledge or Resolve."), StatusCodes.Status400BadRequest);
        }

        var done = AlertNames.Of(state);
        return await AdminActionAsync(keys, form, $"{(state == AlertState.Acknowledged ? "Acknowledging" : "Resolving")} alert {id}", PageWith, async actor =>
        {
            var change = await runner.SetAlertStateAsync(id, state, actor, cancellationToken);
            return change is null
                ? FormNotice.Done($"Alert {id} was already {done}", "Nothing changed.")
                : FormNotice.Done($"Alert {id} {done}", $"The {AlertNames.Of(change.Alert.Kind)} alert is {done} by {actor}.");
        });
    }

    private static async Task<RazorComponentResult> RunsAsync(ModelHost host, string? filter, string? order_by, CancellationToken cancellationToken)
    {
        string? error = null;
        IReadOnlyList<Tracking.RunInfo> runs = [];
        try
        {
            runs = await host.Project.Metadata.SearchRunsAsync(host.Project.Name, Blank(filter), Blank(order_by) ?? "start_time DESC", 200, cancellationToken);
        }
        catch (SextantException ex)
        {
            error = ex.Message;
        }

        return Page<RunsPage>(new Dictionary<string, object?>
        {
            [nameof(RunsPage.Project)] = host.Project.Name,
            [nameof(RunsPage.Filter)] = filter,
            [nameof(RunsPage.OrderBy)] = order_by,
            [nameof(RunsPage.Runs)] = runs,
            [nameof(RunsPage.Error)] = error,
            [nameof(RunsPage.PrimaryMetric)] = Trainer.PrimaryMetric(host.Project.Config),
        }, error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static async Task<RazorComponentResult> RunAsync(ModelHost host, string id, CancellationToken cancellationToken)
    {
        var run = await FindRunAsync(host, id, cancellationToken);
        if (run is null)
        {
            return RunNotFound(host, id);
        }

        return Page<RunPage>(new Dictionary<string, object?>
        {
            [nameof(RunPage.Project)] = host.Project.Name,
            [nameof(RunPage.Run)] = run,
            [nameof(RunPage.Leaderboard)] = await LeaderboardAsync(host, run, cancellationToken),
            [nameof(RunPage.PrimaryMetric)] = Trainer.PrimaryMetric(host.Project.Config),
        });
    }

    private static async Task<RazorComponentResult> CompareAsync(ModelHost host, [FromQuery(Name = "id")] string[]? ids, CancellationToken cancellationToken)
    {
        var wanted = (ids ?? []).Where(i => !string.IsNullOrWhiteSpace(i)).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count < 2)
        {
            return Message(host, StatusCodes.Status400BadRequest, "Choose two or more runs", "Tick two or more runs in the list, then press Compare.", "/ui/runs", "Back to the runs");
        }

        var runs = new List<Tracking.RunInfo>();
        foreach (var id in wanted)
        {
            var run = await FindRunAsync(host, id, cancellationToken);
            if (run is null)
            {
                return RunNotFound(host, id);
            }

            runs.Add(run);
        }

        return Page<ComparePage>(new Dictionary<string, object?>
        {
            [nameof(ComparePage.Project)] = host.Project.Name,
            [nameof(ComparePage.Runs)] = runs,
            [nameof(ComparePage.PrimaryMetric)] = Trainer.PrimaryMetric(host.Project.Config),
        });
    }

    private static RazorComponentResult RunNotFound(ModelHost host, string id) =>
        Message(host, StatusCodes.Status404NotFound, "Run not found", $"There is no run '{id}' in project '{host.Project.Name}'.", "/ui/runs", "Search the runs");

    // An id prefix matching several runs is the caller's to narrow, like a missing run.
    private static async Task<Tracking.RunInfo?> FindRunAsync(ModelHost host, string id, CancellationToken cancellationToken)
    {
        try
        {
            var run = await host.Project.Metadata.GetRunAsync(id, cancellationToken);
            return run?.Project == host.Project.Name ? run : null;
        }
        catch (SextantException)
        {
            return null;
        }
    }

    private static async Task<IReadOnlyList<LeaderboardEntry>> LeaderboardAsync(ModelHost host, Tracking.RunInfo run, CancellationToken cancellationToken)
    {
        if (!run.Artifacts.TryGetValue("leaderboard", out var sha))
        {
            return [];
        }

        var bytes = await host.Project.Store.Artifacts.GetAsync(sha, cancellationToken);
        return JsonSerializer.Deserialize<List<LeaderboardEntry>>(bytes, SextantJson.Options) ?? [];
    }

    private static async Task<RazorComponentResult> PredictionsAsync(ModelHost host, int? page, CancellationToken cancellationToken)
    {
        var current = Math.Max(1, page ?? 1);
        var wanted = (long)current * PredictionPageSize;
        if (wanted > 100_000)
        {
            return Message(host, StatusCodes.Status400BadRequest, "Page out of range", $"The dashboard pages through the newest 100,000 predictions; page {current} is beyond them. Query older ones with 'sextant data query'.", "/ui/predictions", "Back to the newest predictions");
        }

        var recent = await host.Project.Metadata.RecentPredictionsAsync(host.Project.Name, (int)Math.Max(DistributionWindow, wanted + 1), cancellationToken);
        return Page<PredictionsPage>(new Dictionary<string, object?>
        {
            [nameof(PredictionsPage.Project)] = host.Project.Name,
            [nameof(PredictionsPage.Recent)] = recent,
            [nameof(PredictionsPage.PageNumber)] = current,
            [nameof(PredictionsPage.Classification)] = host.Project.Config.Task == Projects.ProjectTask.Classification,
        });
    }

    private static async Task<RazorComponentResult> EdaListAsync(ModelHost host, CancellationToken cancellationToken) =>
        Page<EdaListPage>(new Dictionary<string, object?>
        {
            [nameof(EdaListPage.Project)] = host.Project.Name,
            [nameof(EdaListPage.Reports)] = await new ReportStore(host.Project.Directory).ListAsync(cancellationToken),
        });

    private static async Task<RazorComponentResult> EdaReportAsync(ModelHost host, string id, CancellationToken cancellationToken)
    {
        var report = await new ReportStore(host.Project.Directory).LoadAsync(id, cancellationToken);
        if (report is null)
        {
            return Message(host, StatusCodes.Status404NotFound, "Report not found", $"There is no EDA report '{id}'.", "/ui/eda", "See the stored reports");
        }

        return Page<EdaReportPage>(new Dictionary<string, object?>
        {
            [nameof(EdaReportPage.Project)] = host.Project.Name,
            [nameof(EdaReportPage.Report)] = report,
        });
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
