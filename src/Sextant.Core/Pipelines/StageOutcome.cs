namespace Sextant.Pipelines;

/// <summary>What became of a stage in a run or a status check.</summary>
public enum StageOutcome
{
    /// <summary>Its inputs and outputs match the lock: skipped.</summary>
    UpToDate,

    /// <summary>It would run (status, dry run): see the reasons.</summary>
    Stale,

    /// <summary>It ran and its lock entry was written.</summary>
    Ran,

    /// <summary>It ran and failed; the pipeline stopped.</summary>
    Failed,

    /// <summary>Not reached: an earlier stage failed.</summary>
    NotRun,
}
