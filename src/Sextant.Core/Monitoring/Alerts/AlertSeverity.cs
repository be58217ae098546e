namespace Sextant.Monitoring.Alerts;

/// <summary>How urgent an alert is.</summary>
public enum AlertSeverity
{
    /// <summary>The rule fired.</summary>
    Warning,

    /// <summary>The rule fired and a drifted feature's PSI is in the major band (&gt; 0.25).</summary>
    Critical,
}
