namespace Sextant.Forecasting.Risk;

/// <summary>
/// A risk model was asked to fit fewer returns than it needs: the answer is "not enough data", never a fitted number.
/// </summary>
public sealed class NotEnoughDataException : SextantException
{
    /// <summary>Creates the exception for <paramref name="observations"/> returns where <paramref name="minimum"/> are needed.</summary>
    /// <param name="observations">The number of returns given.</param>
    /// <param name="minimum">The number of returns needed.</param>
    public NotEnoughDataException(int observations, int minimum)
        : base(Describe(observations, minimum))
    {
        Observations = observations;
        Minimum = minimum;
    }

    public NotEnoughDataException()
    {
    }

    public NotEnoughDataException(string message)
        : base(message)
    {
    }

    public NotEnoughDataException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the number of returns given.</summary>
    public int Observations { get; }

    /// <summary>Gets the number of returns needed.</summary>
    public int Minimum { get; }

    private static string Describe(int observations, int minimum) =>
        string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"Not enough data: a GARCH(1,1) fit needs at least {minimum} returns but got {observations}.");
}
