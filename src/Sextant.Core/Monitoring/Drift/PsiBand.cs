namespace Sextant.Monitoring.Drift;

/// <summary>The conventional reading of a population stability index.</summary>
public enum PsiBand
{
    /// <summary>PSI &lt; 0.1: no significant change.</summary>
    None,

    /// <summary>0.1 &lt;= PSI &lt;= 0.25: a moderate change.</summary>
    Moderate,

    /// <summary>PSI &gt; 0.25: a major change.</summary>
    Major,
}
