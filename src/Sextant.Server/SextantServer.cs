using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Sextant.Projects;
using Sextant.Server.Metrics;
using Sextant.Server.Security;
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
        builder.Logging.AddJsonConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
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
        var host = new ModelHost(project, metrics);
        await host.LoadAsync(options.Version, cancellationToken);
        builder.Services.AddSingleton(host);
        builder.Services.AddSingleton(metrics);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(ApiKeys.FromEnvironment(options.ApiKeys, options.AdminKeys));

        var app = builder.Build();
        app.UseRequestMetrics();
        app.UseExceptionHandler(errors => errors.Run(WriteUnhandledAsync));
        app.UseStatusCodePages();
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = "docs";
            ui.SwaggerEndpoint("/openapi.json", "Sextant");
            ui.DocumentTitle = "Sextant API";
        });
        app.MapPredictionApi();
        app.MapMetricsApi();
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
