namespace Sextant.Monitoring.Alerts;

/// <summary>No alert has the id asked for.</summary>
public sealed class AlertNotFoundException : SextantException
{
    public AlertNotFoundException(string message)
        : base(message)
    {
    }

    public AlertNotFoundException()
    {
    }

    public AlertNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
