using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Sextant.Projects;
using Sextant.Server.Compatibility;
using Sextant.Server.Logging;
using Sextant.Server.Metrics;
using Sextant.Server.Monitoring;
using Sextant.Server.Security;
using Sextant.Server.Ui;
using Sextant.Storage;

namespace Sextant.Server;

/// <summary>Builds the Sextant HTTP server for a project.</summary>
public static class SextantServer
{
    /// <summary>Opens the project, loads the model and returns the configured (not yet started) application.</summary>
    public static async Task<WebApplication> BuildAsync(ServerOptions options, string[]? args = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var project = await SextantProject.OpenAsync(options.Project, cancellationToken: cancellationToken);
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.WebHost.UseUrls(options.Urls ?? project.Config.Serving.Urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        builder.Logging.ClearProviders();
        // Structured logs: one JSON object per line on stdout, UTC timestamps, the request id in every line of a request.
        builder.Logging.AddJsonConsole(json =>
        {
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // The dashboard's antiforgery key ring sits unencrypted in the project folder by design (see UiApi): its
        // "no XML encryptor" warning at every first start would only alarm a new user.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = SextantJson.Compact.PropertyNamingPolicy;
            json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            foreach (var converter in SextantJson.Compact.Converters)
            {
                json.SerializerOptions.Converters.Add(converter);
            }
        });
        builder.Services.AddProblemDetails();
        var metrics = new ServerMetrics(TimeProvider.System);
        var host = new ModelHost(project, metrics, options.Alias);
        await host.LoadAsync(options.Version, cancellationToken);
        builder.Services.AddSingleton(host);
        builder.Services.AddSingleton(metrics);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(ApiKeys.FromEnvironment(options.ApiKeys, options.AdminKeys));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSextantMonitoring(metrics);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.ContentType = "application/problem+json";
                var problem = new ProblemDetails { Status = 429, Title = "Too many requests", Detail = $"At most {options.RateLimitPerSecond} prediction requests per second per key." };
                return new ValueTask(context.HttpContext.Response.WriteAsync(JsonSerializer.Serialize(problem, SextantJson.Compact)));
            };
            limiter.AddPolicy(PredictionApi.RateLimitPolicy, http => options.RateLimitPerSecond <= 0
                ? RateLimitPartition.GetNoLimiter("unlimited")
                : RateLimitPartition.GetFixedWindowLimiter(
                    // Per API key when one is sent (hashed, never kept in clear), else per client address.
                    http.Request.Headers[ApiKeys.Header].FirstOrDefault() is { Length: > 0 } key ? ApiKeys.Identify(key) : http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.RateLimitPerSecond, Window = TimeSpan.FromSeconds(1), QueueLimit = 0 }));
        });
        builder.Services.AddSingleton<ForecastCache>();
        builder.Services.AddSingleton<PredictionLog>();
        builder.Services.AddSingleton<ShadowScorer>();
        // Stopped in reverse order, after the server has finished its requests: the shadow drains into the log, then the log into the store.
        builder.Services.AddHostedService<PredictionLogWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ShadowScorer>());
        builder.Services.AddHostedService<AliasWatcher>();
        builder.Services.AddSextantUi(Path.Combine(project.Directory, ProjectStore.FolderName, "ui-keys"));

        var drain = new DrainState();
        builder.Services.AddSingleton(drain);
        // The drain delay runs inside the stop: the host's stop timeout must cover it and the in-flight requests.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.DrainDelay + TimeSpan.FromSeconds(30));
        var app = builder.Build();
        // SIGTERM: readiness turns 503 at once, requests keep being answered for the drain delay, then Kestrel stops
        // accepting and finishes what is in flight (ApplicationStopping runs before the server stops).
        app.Lifetime.ApplicationStopping.Register(() => drain.Begin(options.DrainDelay));
        // The project (its store connections, PostgreSQL pool and listener) closes after the hosted services have
        // stopped, so the prediction log has drained into it first.
        app.Lifetime.ApplicationStopped.Register(() => project.DisposeAsync().AsTask().GetAwaiter().GetResult());
        app.UseRequestLogging();
        app.UseRequestMetrics();
        app.UseRateLimiter();
        app.UseExceptionHandler(errors => errors.Run(WriteUnhandledAsync));
        app.UseStatusCodePages();
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = "docs";
            ui.SwaggerEndpoint("/openapi.json", "Sextant");
            ui.DocumentTitle = "Sextant API";
        });
        app.MapPredictionApi();
        app.MapExplainApi();
        app.MapMonitoringApi();
        app.MapFeedbackApi();
        app.MapForecastApi();
        app.MapMetricsApi();
        app.MapRegistryApi();
        app.MapCompatibilityApi();
        app.MapSextantUi();
        return app;
    }

    // Oversized bodies surface as BadHttpRequestException: a client error, answered as ProblemDetails, never a 500.
    private static async Task WriteUnhandledAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, title) = error switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request"),
            OperationCanceledException => (499, "Cancelled"),
            _ => (StatusCodes.Status500InternalServerError, "Internal error"),
        };
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        var problem = new ProblemDetails { Status = status, Title = title, Detail = status == 500 ? "An unexpected error occurred; it has been logged." : error?.Message };
        await context.Response.WriteAsync(JsonSerializer.Serialize(problem, SextantJson.Compact));
    }
}
