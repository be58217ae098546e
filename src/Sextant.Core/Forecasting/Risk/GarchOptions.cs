using System.Globalization;

namespace Sextant.Forecasting.Risk;

/// <summary>Options for <see cref="GarchFitter"/>: a GARCH(1,1) model of returns fitted by maximum likelihood.</summary>
public sealed record GarchOptions
{
    /// <summary>The smallest <see cref="MinimumObservations"/> a caller may set.</summary>
    public const int SmallestMinimumObservations = 100;

    /// <summary>Gets the distribution of the standardised innovations.</summary>
    /// <value>Default <see cref="GarchDistribution.Normal"/>.</value>
    public GarchDistribution Distribution { get; init; } = GarchDistribution.Normal;

    /// <summary>
    /// Gets a value indicating whether a constant mean <c>mu</c> is estimated (<c>r_t = mu + e_t</c>); otherwise the
    /// mean is 0 (<c>r_t = e_t</c>), fGarch's <c>include.mean = FALSE</c>.
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool IncludeMean { get; init; } = true;

    /// <summary>
    /// Gets the number of return periods in a year, used only to annualise volatilities by the square root of time.
    /// </summary>
    /// <value>Default 252 (trading days).</value>
    public double PeriodsPerYear { get; init; } = 252;

    /// <summary>
    /// Gets the fewest returns a fit accepts; fewer gives <see cref="NotEnoughDataException"/>. One trading year of
    /// daily returns: with fewer points the likelihood is nearly flat along <c>alpha + beta</c>, so persistence and
    /// long-run volatility are poorly determined and the Hessian standard errors (an asymptotic result) are not to be
    /// trusted. It may be raised freely, and lowered to <see cref="SmallestMinimumObservations"/> at the least.
    /// </summary>
    /// <value>Default 250.</value>
    public int MinimumObservations { get; init; } = 250;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the message says which and why).</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Distribution))
        {
            throw new ArgumentOutOfRangeException(nameof(Distribution), Distribution, "Distribution must be Normal or StudentT.");
        }

        if (!double.IsFinite(PeriodsPerYear) || PeriodsPerYear <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PeriodsPerYear), PeriodsPerYear, "PeriodsPerYear must be a finite number > 0 (252 for trading days).");
        }

        if (MinimumObservations < SmallestMinimumObservations)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MinimumObservations),
                MinimumObservations,
                string.Create(CultureInfo.InvariantCulture, $"MinimumObservations must be at least {SmallestMinimumObservations}: GARCH estimates from fewer returns are not meaningful."));
        }
    }
}
