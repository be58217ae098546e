using System.Diagnostics;

namespace Sextant.Server.Logging;

/// <summary>
/// The request id of every request (the client's <c>X-Request-Id</c>, a <c>request_id</c> in the body, or one made
/// here), echoed in the <c>X-Request-Id</c> response header and written with every log line of the request: one
/// structured JSON line per request at <c>Information</c> (method, path, status, latency, model version), client
/// errors at <c>Information</c>, server errors at <c>Error</c>.
/// </summary>
public static partial class RequestLogging
{
    public const string Header = "X-Request-Id";

    private const string ItemKey = "sextant.request_id";

    /// <summary>The id the client chose in the <c>X-Request-Id</c> header, if any.</summary>
    public static string? ClientId(HttpContext context) => context.Request.Headers[Header].FirstOrDefault() is { Length: > 0 } id ? id : null;

    /// <summary>The request's id: the one set by <see cref="SetId"/>, else the client's header, else a new one (kept for the request).</summary>
    public static string Id(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var value) && value is string id)
        {
            return id;
        }

        var made = ClientId(context) ?? Guid.NewGuid().ToString("N");
        context.Items[ItemKey] = made;
        return made;
    }

    /// <summary>Sets the request's id (e.g. the <c>request_id</c> of a wrapped body).</summary>
    public static void SetId(HttpContext context, string id) => context.Items[ItemKey] = id;

    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Sextant.Server.Requests");
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            using var scope = logger.BeginScope(new RequestScope(context));
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                http.Response.Headers[Header] = Id(http);
                return Task.CompletedTask;
            }, context);
            try
            {
                await next(context);
            }
            finally
            {
                var status = context.Response.StatusCode;
                var level = status >= 500 ? LogLevel.Error : LogLevel.Information;
                if (logger.IsEnabled(level))
                {
                    var version = context.Items.TryGetValue(ModelVersionKey, out var v) ? v as int? : null;
                    LogRequest(logger, level, Id(context), context.Request.Method, context.Request.Path.Value ?? "", status,
                        Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3), version);
                }
            }
        });
    }

    /// <summary>Notes the model version that answered, for the request's log line.</summary>
    public static void SetModelVersion(HttpContext context, int version) => context.Items[ModelVersionKey] = version;

    private const string ModelVersionKey = "sextant.model_version";

    // The request id in every log line written during the request (scopes), resolved when a line is written.
    private sealed class RequestScope(HttpContext context) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] =>
            index == 0 ? new("RequestId", Id(context)) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"RequestId:{Id(context)}";
    }

    [LoggerMessage(EventId = 1, EventName = "Request", Message = "{RequestId} {Method} {Path} {Status} {LatencyMs} ms (model version {ModelVersion})")]
    private static partial void LogRequest(ILogger logger, LogLevel level, string requestId, string method, string path, int status, double latencyMs, int? modelVersion);
}
