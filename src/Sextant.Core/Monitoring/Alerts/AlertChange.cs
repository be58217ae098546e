namespace Sextant.Monitoring.Alerts;

/// <summary>One change of an alert, as delivered to webhooks: what happened and the alert after it.</summary>
public sealed record AlertChange(AlertChangeKind Change, Alert Alert);
