namespace Sextant.Monitoring.Alerts;

/// <summary>The outcome of delivering one alert change to the webhook.</summary>
/// <param name="Change">What was delivered.</param>
/// <param name="Delivered">Whether the receiver answered 2xx.</param>
/// <param name="Attempts">The attempts made (1 + retries used).</param>
/// <param name="Error">Why it failed in the end, or null.</param>
public sealed record AlertDelivery(AlertChange Change, bool Delivered, int Attempts, string? Error);
