using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Sextant.Forecasting;
using Sextant.Forecasting.Registry;
using Sextant.Forecasting.Risk;
using Sextant.Server.Security;

namespace Sextant.Server;

/// <summary>
/// Forecasts served like any model: <c>POST /forecast</c> answers from a registered forecast version (the body's
/// <c>version</c> or <c>alias</c>, else the alias this server serves when the forecast model has it, else the newest)
/// with points and intervals for one segment; <c>GET /risk</c> fits GARCH(1,1) to a segment's returns. Each version's
/// segments are refitted once and kept; a moved alias is followed on the next request.
/// </summary>
public static class ForecastApi
{
    public static IEndpointRouteBuilder MapForecastApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/forecast", ForecastAsync).WithName("Forecast").WithTags("Forecasting")
            .WithSummary("Points and intervals from a registered forecast version: {\"horizon\": 14, \"segment\": {\"COLUMN\": \"value\"}, \"level\": [80, 95], \"version\" or \"alias\"}.")
            .Accepts<JsonElement>("application/json").RequirePredictionKey();
        app.MapGet("/risk", RiskAsync).WithName("Risk").WithTags("Forecasting")
            .WithSummary("GARCH(1,1) of a forecast segment's log returns: ?segment=COLUMN=value (repeatable), &version= or &alias=, &distribution=normal|t, &horizon=10.")
            .RequirePredictionKey();
        return app;
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> ForecastAsync(HttpRequest http, ModelHost host, ForecastCache cache, CancellationToken cancellationToken)
    {
        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Body, cancellationToken: cancellationToken);
            body = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed JSON", $"The body is not valid JSON: {ex.Message}");
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return Problem(StatusCodes.Status400BadRequest, "Expected an object", "Send {\"horizon\": 14, \"segment\": {...}, \"level\": [80, 95]}.");
        }

        var problems = new List<string>();
        int? horizon = Integer(body, "horizon", problems);
        int? version = Integer(body, "version", problems);
        var alias = body.TryGetProperty("alias", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        var levels = new List<double>();
        if (body.TryGetProperty("level", out var l))
        {
            foreach (var item in l.ValueKind == JsonValueKind.Array ? l.EnumerateArray().ToList() : [l])
            {
                if (item.ValueKind == JsonValueKind.Number && item.GetDouble() is > 0 and < 100)
                {
                    levels.Add(item.GetDouble());
                }
                else
                {
                    problems.Add($"level: {item.GetRawText()} is not a percentage strictly between 0 and 100");
                }
            }
        }

        var segment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body.TryGetProperty("segment", out var s))
        {
            if (s.ValueKind != JsonValueKind.Object)
            {
                problems.Add("segment must be an object of segment columns and values, e.g. {\"Category\": \"Fruit\"}");
            }
            else
            {
                foreach (var p in s.EnumerateObject())
                {
                    segment[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                }
            }
        }

        if (horizon is < 1 or > 1000)
        {
            problems.Add($"horizon must be between 1 and 1000; got {horizon}");
        }

        if (problems.Count > 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid forecast request", string.Join("; ", problems) + ".");
        }

        return await GuardAsync(async () =>
        {
            var (info, artifact) = await cache.ResolveAsync(host, version, alias, cancellationToken);
            var found = Find(artifact, segment);
            var model = cache.Model(info.Version, artifact, found);
            var h = horizon ?? artifact.Config.Horizon;
            var asked = levels.Count > 0 ? levels : artifact.Config.Levels;
            var forecast = model.Forecast(h, asked);
            var series = found.Series();
            return new
            {
                model = info.Name,
                version = info.Version,
                segment = found.Key,
                method = found.Method,
                model_name = model.Name,
                frequency = series.Frequency.ToString().ToLowerInvariant(),
                last_observed = series.TimeLabel(series.Length - 1),
                points = Enumerable.Range(0, h).Select(i => new
                {
                    time = series.TimeLabel(series.Length + i),
                    mean = forecast.Mean[i],
                    lower = forecast.Bands.ToDictionary(b => Key(b.Level), b => b.Lower[i]),
                    upper = forecast.Bands.ToDictionary(b => Key(b.Level), b => b.Upper[i]),
                }),
                holdout = found.Holdout,
            };
        });
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> RiskAsync(
        ModelHost host, ForecastCache cache, string[]? segment, int? version, string? alias, string? distribution, int? horizon, CancellationToken cancellationToken)
    {
        var key = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in segment ?? [])
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
            {
                return Problem(StatusCodes.Status400BadRequest, "Invalid risk request", $"segment '{pair}' is not COLUMN=value.");
            }

            key[pair[..at]] = pair[(at + 1)..];
        }

        if (distribution is not (null or "normal" or "t"))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid risk request", $"distribution must be normal or t; got '{distribution}'.");
        }

        return await GuardAsync(async () =>
        {
            var (info, artifact) = await cache.ResolveAsync(host, version, alias, cancellationToken);
            var found = Find(artifact, key);
            if (found.Values.Any(v => v <= 0))
            {
                throw new SextantException($"Segment {found.Label} has values <= 0: log returns need a positive series (prices, revenue).");
            }

            var returns = Returns.FromPrices(found.Values, ReturnKind.Log);
            var options = new GarchOptions { Distribution = distribution == "t" ? GarchDistribution.StudentT : GarchDistribution.Normal, PeriodsPerYear = PeriodsPerYear(found.Frequency) };
            var summary = GarchFitter.Fit(returns, options).Summarise(Math.Clamp(horizon ?? 10, 1, 250));
            return new { model = info.Name, version = info.Version, segment = found.Key, returns = "log", risk = summary };
        });
    }

    private static ForecastSegment Find(ForecastArtifact artifact, IReadOnlyDictionary<string, string> key)
    {
        var found = artifact.Find(key) ?? throw new ForecastNotFoundException("No such segment", key.Count == 0
            ? $"This forecast has {artifact.Segments.Count} segments; name one in 'segment', e.g. {{{string.Join(", ", artifact.Segments[0].Key.Select(kv => $"\"{kv.Key}\": \"{kv.Value}\""))}}}."
            : $"No segment {string.Join(", ", key.Select(kv => $"{kv.Key}={kv.Value}"))}; segments: {string.Join("; ", artifact.Segments.Take(10).Select(s => s.Label))}{(artifact.Segments.Count > 10 ? "; ..." : "")}.");
        return found.Method is null ? throw new SextantException($"Segment {found.Label} could not be forecast when the version was trained: {found.Failure}") : found;
    }

    private static double PeriodsPerYear(SeriesFrequency frequency) => frequency switch
    {
        SeriesFrequency.Daily => 365,
        SeriesFrequency.Weekly => 52,
        SeriesFrequency.Monthly => 12,
        SeriesFrequency.Quarterly => 4,
        SeriesFrequency.Yearly => 1,
        _ => 252,
    };

    private static int? Integer(JsonElement body, string name, List<string> problems)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n))
        {
            return n;
        }

        problems.Add($"{name} must be a whole number; got {value.GetRawText()}");
        return null;
    }

    private static string Key(double level) => level.ToString("0.##", CultureInfo.InvariantCulture);

    private static ProblemHttpResult Problem(int status, string title, string detail) => TypedResults.Problem(title: title, detail: detail, statusCode: status);

    // No forecast version or an unknown segment is 404; not enough data 422; any other refusal 400.
    private static async Task<Results<Ok<object>, ProblemHttpResult>> GuardAsync(Func<Task<object>> action)
    {
        try
        {
            return TypedResults.Ok(await action());
        }
        catch (NotEnoughDataException ex)
        {
            return Problem(StatusCodes.Status422UnprocessableEntity, "Not enough data", ex.Message);
        }
        catch (ForecastDataException ex)
        {
            return Problem(StatusCodes.Status422UnprocessableEntity, "Not enough data", ex.Message);
        }
        catch (ForecastNotFoundException ex)
        {
            return Problem(StatusCodes.Status404NotFound, ex.Title, ex.Message);
        }
        catch (SextantException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "Forecast refused", ex.Message);
        }
    }
}

/// <summary>No forecast version, no such version, or no such segment: a 404 with its title.</summary>
internal sealed class ForecastNotFoundException(string title, string message) : SextantException(message)
{
    public string Title { get; } = title;
}

/// <summary>Forecast versions and their fitted segments, loaded once per version (refitting is deterministic).</summary>
public sealed class ForecastCache
{
    private readonly ConcurrentDictionary<int, Lazy<Task<(Registry.ModelVersionInfo, ForecastArtifact)>>> _versions = new();
    private readonly ConcurrentDictionary<(int Version, string Segment), Lazy<IForecastModel>> _models = new();

    /// <summary>The version asked for: by number, by alias, by the server's own alias when the forecast model has it, else the newest.</summary>
    public async Task<(Registry.ModelVersionInfo Info, ForecastArtifact Artifact)> ResolveAsync(ModelHost host, int? version, string? alias, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var project = host.Project;
        var name = ForecastVersions.ModelName(project);
        if (version is null)
        {
            var aliases = await project.Metadata.GetAliasesAsync(name, cancellationToken);
            if (alias is not null)
            {
                version = aliases.TryGetValue(alias, out var held) ? held : throw new SextantException($"No alias '{alias}' on {name}; aliases: {(aliases.Count == 0 ? "none" : string.Join(", ", aliases.Keys))}.");
            }
            else if (host.Alias is { } served && aliases.TryGetValue(served, out var same))
            {
                version = same;
            }
        }

        var versions = await project.Metadata.ListVersionsAsync(name, cancellationToken);
        if (versions.Count == 0)
        {
            throw new ForecastNotFoundException("No forecast version", $"No forecast version of '{name}' is registered yet. Add a forecast: block to sextant.yaml and run 'sextant forecast -p PROJECT --register'.");
        }

        var resolved = version ?? versions[^1].Version;
        // Checked before the cache, so an unknown number never leaves a failed load cached under it.
        if (versions.All(v => v.Version != resolved))
        {
            throw new ForecastNotFoundException("No forecast version", $"{name} has no version {resolved}; versions: {string.Join(", ", versions.Select(v => v.Version))}.");
        }

        return await _versions.GetOrAdd(resolved, v => new Lazy<Task<(Registry.ModelVersionInfo, ForecastArtifact)>>(() => ForecastVersions.LoadAsync(project, v, CancellationToken.None))).Value;
    }

    /// <summary>The segment's chosen method fitted to its series, once per version and segment.</summary>
    public IForecastModel Model(int version, ForecastArtifact artifact, ForecastSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return _models.GetOrAdd((version, segment.Label), _ => new Lazy<IForecastModel>(() => ForecastVersions.Fit(artifact, segment))).Value;
    }
}
