using System.Globalization;

namespace Sextant.Forecasting;

/// <summary>A series cannot be forecast as asked: too short for the model, or otherwise unfit. The message says why.</summary>
public sealed class ForecastDataException : SextantException
{
    /// <summary>Creates the exception with its message.</summary>
    public ForecastDataException(string message)
        : base(message)
    {
    }

    /// <summary>Throws "not enough data" when <paramref name="series"/> has fewer than <paramref name="minimum"/> values.</summary>
    public static void RequireLength(TimeSeries series, int minimum, string what)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Length < minimum)
        {
            throw new ForecastDataException(string.Create(CultureInfo.InvariantCulture, $"Not enough data: {what} needs at least {minimum} observations, the series has {series.Length}."));
        }
    }
}
