namespace Sextant.Monitoring.Alerts;

/// <summary>What a check or a person did to an alert.</summary>
public enum AlertChangeKind
{
    /// <summary>A new alert (none of its kind was active for the model).</summary>
    Opened,

    /// <summary>An active alert of the same kind got the new scores (not a second alert).</summary>
    Updated,

    /// <summary>Someone acknowledged it.</summary>
    Acknowledged,

    /// <summary>A clean check or someone resolved it.</summary>
    Resolved,
}
