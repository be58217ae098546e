namespace Sextant;

/// <summary>The base of every error Sextant reports to a user: a clear message, never a stack trace.</summary>
public class SextantException : Exception
{
    public SextantException(string message)
        : base(message)
    {
    }

    public SextantException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public SextantException()
    {
    }
}
