namespace Sextant.Forecasting.Risk;

/// <summary>The maximum-likelihood search did not converge, so no estimate is reported.</summary>
public sealed class GarchConvergenceException : SextantException
{
    public GarchConvergenceException(string message)
        : base(message)
    {
    }

    public GarchConvergenceException()
    {
    }

    public GarchConvergenceException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
