namespace Sextant.Projects;

/// <summary>Where alerts are delivered (<c>monitoring.webhook</c>): a JSON POST per opened, updated or resolved alert.</summary>
public sealed record WebhookConfig
{
    /// <summary>The absolute http(s) URL.</summary>
    public string Url { get; init; } = "";

    /// <summary>Retries after a failed attempt (exponential back-off). <value>Default 3.</value></summary>
    public int Retries { get; init; } = 3;

    /// <summary>The time allowed for one attempt, in seconds. <value>Default 10.</value></summary>
    public double TimeoutSeconds { get; init; } = 10;
}
