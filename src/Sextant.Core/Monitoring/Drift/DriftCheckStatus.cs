namespace Sextant.Monitoring.Drift;

/// <summary>Whether a drift check ran.</summary>
public enum DriftCheckStatus
{
    /// <summary>The check ran on enough rows.</summary>
    Checked,

    /// <summary>Fewer current rows than the minimum: nothing is flagged.</summary>
    NotEnoughData,
}
