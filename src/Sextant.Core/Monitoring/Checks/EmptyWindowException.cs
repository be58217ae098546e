namespace Sextant.Monitoring.Checks;

/// <summary>A check's window holds no logged prediction: nothing was checked (a state to show, not a broken request).</summary>
public sealed class EmptyWindowException : SextantException
{
    public EmptyWindowException(string message)
        : base(message)
    {
    }

    public EmptyWindowException()
    {
    }

    public EmptyWindowException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
