using Microsoft.AspNetCore.Http.HttpResults;
using Sextant.Monitoring.Alerts;
using Sextant.Monitoring.Checks;
using Sextant.Server.Monitoring;
using Sextant.Server.Security;

namespace Sextant.Server;

/// <summary>Drift and alerts over HTTP: reads for everyone; running a check that changes alerts, acknowledging and resolving with an admin key.</summary>
public static class MonitoringApi
{
    public static IEndpointRouteBuilder MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        var monitoring = app.MapGroup("/monitoring").WithTags("Monitoring");
        monitoring.MapGet("/drift", GetDriftAsync).WithName("GetDrift")
            .WithSummary("Drift of the logged predictions against the version's training rows, computed now; changes no alert. ?version=&alias=&since=&until=&last= (default: the served version, monitoring.window).");
        monitoring.MapPost("/check", CheckAsync).WithName("RunMonitoringCheck")
            .WithSummary("Runs a monitoring check now, as the schedule does: opens, updates or resolves alerts. Same query as /monitoring/drift. Admin key required.").RequireAdminKey();
        monitoring.MapGet("/alerts", ListAlertsAsync).WithName("ListAlerts").WithSummary("Active alerts, newest first (?all=true for resolved ones too, &limit=).");
        monitoring.MapPost("/alerts/{id:long}/ack", AcknowledgeAsync).WithName("AcknowledgeAlert").WithSummary("Acknowledges an open alert. Admin key required.").RequireAdminKey();
        monitoring.MapPost("/alerts/{id:long}/resolve", ResolveAsync).WithName("ResolveAlert").WithSummary("Resolves an active alert. Admin key required.").RequireAdminKey();
        return app;
    }

    private static async Task<Results<Ok<MonitoringCheckResult>, ProblemHttpResult>> GetDriftAsync(
        MonitoringRunner runner, int? version, string? alias, string? since, string? until, int? last, CancellationToken cancellationToken) =>
        await GuardAsync(() => runner.CheckAsync(MonitoringCheckRequest.Parse(version, alias, since, until, last, prefix: "") with { UpdateAlerts = false }, cancellationToken));

    private static async Task<Results<Ok<MonitoringCheckResult>, ProblemHttpResult>> CheckAsync(
        HttpRequest http, MonitoringRunner runner, int? version, string? alias, string? since, string? until, int? last, CancellationToken cancellationToken) =>
        await GuardAsync(() => runner.CheckAsync(MonitoringCheckRequest.Parse(version, alias, since, until, last, prefix: "") with { Actor = RegistryApi.Actor(http) }, cancellationToken));

    private static async Task<Results<Ok<AlertList>, ProblemHttpResult>> ListAlertsAsync(ModelHost host, bool? all, int? limit, CancellationToken cancellationToken) =>
        await GuardAsync(async () => new AlertList(host.Project.Name, await host.Project.Metadata.ListAlertsAsync(host.Project.Name, all ?? false, Math.Clamp(limit ?? 100, 1, 10_000), cancellationToken)));

    private static Task<Results<Ok<AlertUpdate>, ProblemHttpResult>> AcknowledgeAsync(HttpRequest http, MonitoringRunner runner, ModelHost host, long id, CancellationToken cancellationToken) =>
        ChangeAsync(http, runner, host, id, AlertState.Acknowledged, cancellationToken);

    private static Task<Results<Ok<AlertUpdate>, ProblemHttpResult>> ResolveAsync(HttpRequest http, MonitoringRunner runner, ModelHost host, long id, CancellationToken cancellationToken) =>
        ChangeAsync(http, runner, host, id, AlertState.Resolved, cancellationToken);

    private static async Task<Results<Ok<AlertUpdate>, ProblemHttpResult>> ChangeAsync(HttpRequest http, MonitoringRunner runner, ModelHost host, long id, AlertState state, CancellationToken cancellationToken) =>
        await GuardAsync(async () =>
        {
            var change = await runner.SetAlertStateAsync(id, state, RegistryApi.Actor(http), cancellationToken);
            return new AlertUpdate(change is not null, change?.Alert ?? (await host.Project.Metadata.GetAlertAsync(id, cancellationToken))!);
        });

    // Unknown alerts are 404, a change the alert's state refuses 409, any other refusal (bad window, no rows, bad config) 400.
    private static async Task<Results<Ok<T>, ProblemHttpResult>> GuardAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return TypedResults.Ok(await action());
        }
        catch (SextantException ex)
        {
            var (status, title) = ex switch
            {
                AlertNotFoundException => (StatusCodes.Status404NotFound, "Not found"),
                AlertConflictException => (StatusCodes.Status409Conflict, "Conflict"),
                _ => (StatusCodes.Status400BadRequest, "Monitoring request refused"),
            };
            return TypedResults.Problem(title: title, detail: ex.Message, statusCode: status);
        }
    }

    /// <summary>Body of <c>GET /monitoring/alerts</c>.</summary>
    public sealed record AlertList(string Model, IReadOnlyList<Alert> Alerts);

    /// <summary>Body of an acknowledge or resolve: whether it changed anything, and the alert after.</summary>
    public sealed record AlertUpdate(bool Changed, Alert Alert);
}
