using System.Net;
using System.Net.Http.Json;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Sextant.Projects;
using Sextant.Storage;

namespace Sextant.Monitoring.Alerts;

/// <summary>
/// Delivers alert changes to the configured webhook (<c>monitoring.webhook</c>): one JSON POST per change, retried
/// through Polly with exponential back-off on network errors, timeouts, 408, 429 and 5xx (a 4xx is the receiver's
/// final word). A failed delivery is reported, never thrown: monitoring must not fail because a receiver is down.
/// Each POST carries <c>X-Sextant-Delivery</c> (the same on every retry of a change) so receivers can drop duplicates.
/// </summary>
public sealed class AlertWebhook
{
    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly TimeProvider _time;

    /// <summary>Creates the webhook of <paramref name="config"/>.</summary>
    /// <param name="config">The URL, retries and per-attempt timeout.</param>
    /// <param name="http">The client to send with (not disposed here).</param>
    /// <param name="time">The clock of the payload's <c>sent_at</c> and of back-off delays; the system clock when null.</param>
    /// <param name="firstRetryDelay">The delay before the first retry, doubled each time. <value>Default 1 s.</value></param>
    public AlertWebhook(WebhookConfig config, HttpClient http, TimeProvider? time = null, TimeSpan? firstRetryDelay = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _url = new Uri(config.Url, UriKind.Absolute);
        _time = time ?? TimeProvider.System;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time };
        if (config.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = config.Retries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = firstRetryDelay ?? TimeSpan.FromSeconds(1),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => IsTransient(r.StatusCode)),
                OnRetry = args =>
                {
                    // The failed response is not handed back: release its connection before the next attempt.
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        _pipeline = builder.AddTimeout(TimeSpan.FromSeconds(config.TimeoutSeconds)).Build();
    }

    /// <summary>The webhook of a project, or null when none is configured.</summary>
    public static AlertWebhook? For(SextantProject project, HttpClient http, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        return project.Config.Monitoring.Webhook is { } config ? new AlertWebhook(config, http, time) : null;
    }

    /// <summary>Posts each change in order; returns how each went.</summary>
    public async Task<IReadOnlyList<AlertDelivery>> DeliverAsync(IReadOnlyList<AlertChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var deliveries = new List<AlertDelivery>(changes.Count);
        foreach (var change in changes)
        {
            deliveries.Add(await DeliverAsync(change, cancellationToken).ConfigureAwait(false));
        }

        return deliveries;
    }

    private async Task<AlertDelivery> DeliverAsync(AlertChange change, CancellationToken cancellationToken)
    {
        var kind = AlertNames.Of(change.Change);
        var payload = new
        {
            @event = $"alert_{kind}",
            change = kind,
            model = change.Alert.Model,
            sent_at = _time.GetUtcNow(),
            alert = change.Alert,
        };
        var delivery = $"{change.Alert.Id}-{kind}-{change.Alert.Occurrences}-{change.Alert.UpdatedAt.ToUnixTimeMilliseconds()}";
        var attempts = 0;
        try
        {
            using var response = await _pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = JsonContent.Create(payload, options: SextantJson.Compact) };
                request.Headers.Add("X-Sextant-Event", payload.@event);
                request.Headers.Add("X-Sextant-Delivery", delivery);
                return await _http.SendAsync(request, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? new AlertDelivery(change, true, attempts, null)
                : new AlertDelivery(change, false, attempts, $"{_url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException)
        {
            return new AlertDelivery(change, false, attempts, $"{_url}: {ex.Message}");
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
