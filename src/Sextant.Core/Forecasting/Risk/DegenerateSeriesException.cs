namespace Sextant.Forecasting.Risk;

/// <summary>
/// The returns (or prices) cannot carry a volatility model: a value is NaN, infinite or not positive where it must be,
/// or the series is constant. No number is fitted.
/// </summary>
public sealed class DegenerateSeriesException : SextantException
{
    public DegenerateSeriesException(string message)
        : base(message)
    {
    }

    public DegenerateSeriesException()
    {
    }

    public DegenerateSeriesException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
