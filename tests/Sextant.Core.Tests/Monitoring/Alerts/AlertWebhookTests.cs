using System.Net;
using Sextant.Monitoring.Alerts;
using Sextant.Projects;

namespace Sextant.Core.Tests.Monitoring.Alerts;

/// <summary>Alert changes posted to a real local HTTP receiver, with Polly's retries.</summary>
public sealed class AlertWebhookTests : IDisposable
{
    private static readonly DateTimeOffset s_at = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    private static AlertChange Change(AlertChangeKind kind, long id = 7) => new(kind, new Alert
    {
        Id = id,
        Model = "sales",
        Version = 2,
        Kind = AlertKind.DataDrift,
        Severity = AlertSeverity.Critical,
        State = kind == AlertChangeKind.Resolved ? AlertState.Resolved : AlertState.Open,
        OpenedAt = s_at,
        UpdatedAt = s_at,
        Occurrences = 1,
        Features = ["PRICEEACH"],
        Scores = new Dictionary<string, double> { ["PRICEEACH"] = 0.8 },
        Message = "dataset drift",
    });

    private AlertWebhook Webhook(string url, int retries) =>
        new(new WebhookConfig { Url = url, Retries = retries, TimeoutSeconds = 5 }, _http, new ManualTime(s_at), firstRetryDelay: TimeSpan.FromMilliseconds(1));

    [Fact]
    public async Task Deliver_ReceiverFailsTwiceThenAccepts_RetriesWithTheSameDeliveryIdAndPostsTheAlertAsJson()
    {
        using var receiver = new WebhookReceiver(HttpStatusCode.ServiceUnavailable, HttpStatusCode.InternalServerError);

        var deliveries = await Webhook(receiver.Url, retries: 3).DeliverAsync([Change(AlertChangeKind.Opened), Change(AlertChangeKind.Resolved)]);

        Assert.Equal([(true, 3), (true, 1)], deliveries.Select(d => (d.Delivered, d.Attempts)));
        var received = receiver.Received.ToList();
        Assert.Equal(4, received.Count);
        Assert.Single(received.Take(3).Select(r => r.Delivery).Distinct());
        Assert.NotEqual(received[0].Delivery, received[3].Delivery);
        var opened = receiver.Accepted[0];
        Assert.Equal("alert_opened", opened.GetProperty("event").GetString());
        Assert.Equal("sales", opened.GetProperty("model").GetString());
        Assert.Equal(7, opened.GetProperty("alert").GetProperty("id").GetInt64());
        Assert.Equal("data_drift", opened.GetProperty("alert").GetProperty("kind").GetString());
        Assert.Equal("critical", opened.GetProperty("alert").GetProperty("severity").GetString());
        Assert.Equal(0.8, opened.GetProperty("alert").GetProperty("scores").GetProperty("PRICEEACH").GetDouble());
        Assert.Equal(s_at, opened.GetProperty("sent_at").GetDateTimeOffset());
        Assert.Equal("alert_resolved", receiver.Accepted[1].GetProperty("event").GetString());
    }

    [Fact]
    public async Task Deliver_ReceiverKeepsFailing_GivesUpAfterTheRetriesAndReportsWithoutThrowing()
    {
        using var receiver = new WebhookReceiver(Enumerable.Repeat(HttpStatusCode.BadGateway, 10).ToArray());

        var delivery = Assert.Single(await Webhook(receiver.Url, retries: 2).DeliverAsync([Change(AlertChangeKind.Opened)]));

        Assert.False(delivery.Delivered);
        Assert.Equal(3, delivery.Attempts);
        Assert.Equal(3, receiver.Received.Count);
        Assert.Contains("answered 502", delivery.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_ClientErrorIsFinal_AndNobodyListeningIsReportedNotThrown()
    {
        using var receiver = new WebhookReceiver(HttpStatusCode.BadRequest);
        var refused = Assert.Single(await Webhook(receiver.Url, retries: 3).DeliverAsync([Change(AlertChangeKind.Opened)]));
        var url = receiver.Url;
        receiver.Dispose();
        var unreachable = Assert.Single(await Webhook(url, retries: 1).DeliverAsync([Change(AlertChangeKind.Opened)]));

        Assert.Equal((false, 1), (refused.Delivered, refused.Attempts));
        Assert.Contains("answered 400", refused.Error, StringComparison.Ordinal);
        Assert.Equal((false, 2), (unreachable.Delivered, unreachable.Attempts));
        Assert.StartsWith(url, unreachable.Error, StringComparison.Ordinal);
    }
}
