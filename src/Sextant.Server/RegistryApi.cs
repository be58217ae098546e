using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Sextant.Registry;
using Sextant.Server.Security;

namespace Sextant.Server;

/// <summary>Runs and the model registry over HTTP: reads for everyone, promote and rollback with an admin key.</summary>
public static class RegistryApi
{
    /// <summary>Body of <c>POST /registry/promote</c>.</summary>
    public sealed record PromoteRequest(int Version, string Alias, string? Reason = null, bool Force = false);

    /// <summary>Body of <c>POST /registry/rollback</c>.</summary>
    public sealed record RollbackRequest(string Alias, int Steps = 1, string? Reason = null);

    public static IEndpointRouteBuilder MapRegistryApi(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/runs").WithTags("Tracking");
        runs.MapGet("/", ListRunsAsync).WithName("ListRuns").WithSummary("Runs of the project: ?filter=metrics.rmse < 300 AND params.learner = 'gbm'&order_by=metrics.rmse&limit=50.");
        runs.MapGet("/{id}", GetRunAsync).WithName("GetRun").WithSummary("One run (id or unique prefix) with everything it recorded.");

        var registry = app.MapGroup("/registry").WithTags("Registry");
        registry.MapGet("/", GetRegistryAsync).WithName("GetRegistry").WithSummary("Aliases (alias -> version) and every version.");
        registry.MapGet("/versions/{version:int}", GetVersionAsync).WithName("GetVersion").WithSummary("One version, the aliases on it and its promotion decisions.");
        registry.MapGet("/history", GetHistoryAsync).WithName("GetAliasHistory").WithSummary("Alias changes, oldest first (?alias=prod); with ?at=2026-11-23T12:00:00Z the version each alias held then.");
        registry.MapGet("/decisions", GetDecisionsAsync).WithName("GetDecisions").WithSummary("Every promotion decision with each criterion and its numbers.");
        registry.MapPost("/promote", PromoteAsync).WithName("Promote").WithSummary("Runs the promotion gate and moves the alias if it passes (or force). Admin key required.").RequireAdminKey();
        registry.MapPost("/rollback", RollbackAsync).WithName("Rollback").WithSummary("Moves an alias back through its history. Admin key required.").RequireAdminKey();
        return app;
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> ListRunsAsync(ModelHost host, string? filter, string? order_by, int? limit, CancellationToken cancellationToken) =>
        await GuardAsync(async () => (object)new
        {
            project = host.Project.Name,
            runs = await host.Project.Metadata.SearchRunsAsync(host.Project.Name, filter, order_by, Math.Clamp(limit ?? 100, 1, 10_000), cancellationToken),
        });

    private static async Task<Results<Ok<object>, ProblemHttpResult>> GetRunAsync(ModelHost host, string id, CancellationToken cancellationToken) =>
        await GuardAsync(async () => (object?)await host.Project.Metadata.GetRunAsync(id, cancellationToken) ?? throw new NotFound($"No run '{id}'."));

    private static async Task<Results<Ok<object>, ProblemHttpResult>> GetRegistryAsync(ModelHost host, CancellationToken cancellationToken) =>
        await GuardAsync(async () => (object)new
        {
            model = host.Project.Name,
            aliases = await host.Project.Metadata.GetAliasesAsync(host.Project.Name, cancellationToken),
            versions = await host.Project.Metadata.ListVersionsAsync(host.Project.Name, cancellationToken),
        });

    private static async Task<Results<Ok<object>, ProblemHttpResult>> GetVersionAsync(ModelHost host, int version, CancellationToken cancellationToken) =>
        await GuardAsync(async () =>
        {
            var (info, aliases, decisions) = await VersionDetailAsync(host, version, cancellationToken)
                ?? throw new NotFound($"Model '{host.Project.Name}' has no version {version}.");
            return new { version = info, aliases, decisions };
        });

    /// <summary>A registered version, the aliases on it and the promotion decisions about it; null when there is no such version.</summary>
    internal static async Task<(ModelVersionInfo Info, IReadOnlyList<string> Aliases, IReadOnlyList<PromotionDecision> Decisions)?> VersionDetailAsync(
        ModelHost host, int version, CancellationToken cancellationToken)
    {
        var (metadata, model) = (host.Project.Metadata, host.Project.Name);
        if ((await metadata.ListVersionsAsync(model, cancellationToken)).FirstOrDefault(v => v.Version == version) is not { } info)
        {
            return null;
        }

        var aliases = (await metadata.GetAliasesAsync(model, cancellationToken)).Where(a => a.Value == version).Select(a => a.Key).ToList();
        var decisions = (await metadata.ListDecisionsAsync(model, cancellationToken)).Where(d => d.CandidateVersion == version).ToList();
        return (info, aliases, decisions);
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> GetHistoryAsync(ModelHost host, string? alias, string? at, CancellationToken cancellationToken) =>
        await GuardAsync(async () =>
        {
            var events = await host.Project.Metadata.AliasHistoryAsync(host.Project.Name, alias, cancellationToken);
            if (at is null)
            {
                return (object)new { model = host.Project.Name, events };
            }

            if (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
            {
                throw new SextantException($"'at' must be an ISO date or date-time; got '{at}'.");
            }

            return new
            {
                at = moment,
                aliases = events.Select(e => e.Alias).Distinct(StringComparer.Ordinal).ToDictionary(a => a, a => ModelRegistry.VersionAt(events, a, moment)),
            };
        });

    private static async Task<Results<Ok<object>, ProblemHttpResult>> GetDecisionsAsync(ModelHost host, CancellationToken cancellationToken) =>
        await GuardAsync(async () => (object)new { decisions = await host.Project.Metadata.ListDecisionsAsync(host.Project.Name, cancellationToken) });

    private static async Task<Results<Ok<object>, ProblemHttpResult>> PromoteAsync(HttpRequest http, ModelHost host, PromoteRequest request, CancellationToken cancellationToken) =>
        await GuardAsync(async () =>
        {
            var outcome = await new ModelRegistry(host.Project).PromoteAsync(request.Version, request.Alias, Actor(http), request.Reason, request.Force, cancellationToken);
            await ReloadIfServedAsync(host, request.Alias, outcome.Event is not null, cancellationToken);
            return (object)outcome;
        });

    private static async Task<Results<Ok<object>, ProblemHttpResult>> RollbackAsync(HttpRequest http, ModelHost host, RollbackRequest request, CancellationToken cancellationToken) =>
        await GuardAsync(async () =>
        {
            var events = await new ModelRegistry(host.Project).RollbackAsync(request.Alias, Actor(http), request.Steps, request.Reason, cancellationToken);
            await ReloadIfServedAsync(host, request.Alias, true, cancellationToken);
            return (object)new { alias = request.Alias, version = events[^1].ToVersion, events };
        });

    // The server serving the moved alias picks up its new version at once (other replicas poll).
    internal static async Task ReloadIfServedAsync(ModelHost host, string alias, bool moved, CancellationToken cancellationToken)
    {
        if (moved && host.Alias == alias)
        {
            await host.LoadAsync(null, cancellationToken);
        }
    }

    /// <summary>Who made an admin request: <c>X-Actor</c> if sent, with the key's hashed id.</summary>
    internal static string Actor(HttpRequest request) => Actor(request.Headers["X-Actor"].FirstOrDefault(), request.Headers[ApiKeys.Header]);

    /// <summary>Who moved an alias, for the history: the name given (if any) and the key's short digest, never the key.</summary>
    internal static string Actor(string? name, string? key) =>
        name is { Length: > 0 } ? $"{name} ({ApiKeys.Identify(key)})" : ApiKeys.Identify(key);

    // Registry errors are the caller's: unknown things are 404, a lost race 409, anything else the platform reports 400.
    private static async Task<Results<Ok<object>, ProblemHttpResult>> GuardAsync(Func<Task<object>> action)
    {
        try
        {
            return TypedResults.Ok(await action());
        }
        catch (NotFound ex)
        {
            return TypedResults.Problem(title: "Not found", detail: ex.Message, statusCode: StatusCodes.Status404NotFound);
        }
        catch (RegistryConflictException ex)
        {
            return TypedResults.Problem(title: "Conflict", detail: ex.Message, statusCode: StatusCodes.Status409Conflict);
        }
        catch (SextantException ex)
        {
            return TypedResults.Problem(title: "Registry request refused", detail: ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private sealed class NotFound(string message) : SextantException(message);
}
