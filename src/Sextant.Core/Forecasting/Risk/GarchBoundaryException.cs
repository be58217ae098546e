namespace Sextant.Forecasting.Risk;

/// <summary>
/// The likelihood is highest on the edge <c>alpha + beta = 1</c> of the stationary region, where a GARCH(1,1) has no
/// finite long-run variance (and, with <c>alpha = 0</c>, no unique estimate at all), so no fitted number is reported.
/// </summary>
public sealed class GarchBoundaryException : SextantException
{
    public GarchBoundaryException(string message)
        : base(message)
    {
    }

    public GarchBoundaryException()
    {
    }

    public GarchBoundaryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
