namespace Sextant.Monitoring.Alerts;

/// <summary>The alert is not in a state that allows the change (e.g. acknowledging a resolved alert).</summary>
public sealed class AlertConflictException : SextantException
{
    public AlertConflictException(string message)
        : base(message)
    {
    }

    public AlertConflictException()
    {
    }

    public AlertConflictException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
