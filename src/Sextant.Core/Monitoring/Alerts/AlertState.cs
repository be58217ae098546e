namespace Sextant.Monitoring.Alerts;

/// <summary>Where an alert is in its life: open, acknowledged by someone, or resolved.</summary>
public enum AlertState
{
    /// <summary>Raised and nobody has acknowledged it.</summary>
    Open,

    /// <summary>Someone is on it; later checks still update it.</summary>
    Acknowledged,

    /// <summary>Closed, by a clean check or by someone; the next firing opens a new alert.</summary>
    Resolved,
}
