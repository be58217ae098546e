using System.Diagnostics;
using Microsoft.AspNetCore.Routing;

namespace Sextant.Server.Metrics;

/// <summary>The metrics endpoints and the middleware that times every request.</summary>
public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", (ServerMetrics metrics) => TypedResults.Text(metrics.ToPrometheus(), "text/plain; version=0.0.4; charset=utf-8"))
            .WithName("Metrics").WithSummary("Prometheus text exposition of the server's metrics.").WithTags("Operations");
        app.MapGet("/metrics/json", (ServerMetrics metrics) => TypedResults.Ok(metrics.ToJson()))
            .WithName("MetricsJson").WithSummary("The server's metrics as JSON, for people.").WithTags("Operations");
        return app;
    }

    /// <summary>Times each request and counts it by route template and status; never fails the request.</summary>
    public static IApplicationBuilder UseRequestMetrics(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            try
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
                context.RequestServices.GetRequiredService<ServerMetrics>()
                    .RecordRequest(route, context.Request.Method, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
            catch (InvalidOperationException)
            {
                // Metrics must never fail a request.
            }
        }
    });
}
