namespace Sextant.Tracking;

/// <summary>The state of a run; stored upper-case (<c>RUNNING</c>, <c>FINISHED</c>, <c>FAILED</c>).</summary>
public enum RunStatus
{
    Running,
    Finished,
    Failed,
}
