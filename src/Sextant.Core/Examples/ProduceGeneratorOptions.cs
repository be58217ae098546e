using System.Globalization;

namespace Sextant.Examples;

/// <summary>Options of <see cref="ProduceDataGenerator"/>.</summary>
public sealed record ProduceGeneratorOptions
{
    /// <summary>The most items a caller may ask for.</summary>
    public const int MaxItems = 500;

    /// <summary>The longest span, in days, from <see cref="Start"/> to <see cref="End"/>.</summary>
    public const int MaxDays = 366 * 20;

    /// <summary>Number of items, each with its own daily series.</summary>
    /// <value>Default 12, covering all six categories. Between 1 and <see cref="MaxItems"/>.</value>
    public int Items { get; init; } = 12;

    /// <summary>First day of the series.</summary>
    /// <value>Default 2020-07-01, as the public data.</value>
    public DateOnly Start { get; init; } = new(2020, 7, 1);

    /// <summary>Last day of the series (inclusive).</summary>
    /// <value>Default 2023-06-30, as the public data. Not before <see cref="Start"/>.</value>
    public DateOnly End { get; init; } = new(2023, 6, 30);

    /// <summary>Seed of the random stream: the same options give the same bytes.</summary>
    /// <value>Default 42.</value>
    public int Seed { get; init; } = 42;

    /// <summary>Share of days on which an item is missing at random, on top of its occasional multi-day gaps.</summary>
    /// <value>Default 0.02. Between 0 and 0.9.</value>
    public double MissingDayRate { get; init; } = 0.02;

    /// <summary>
    /// Whether the category "Flower/Leaf Vegetables" is written with a non-breaking space (U+00A0) before
    /// "Vegetables", as in the public item list (<c>annex1.csv</c>).
    /// </summary>
    /// <value>Default <see langword="false"/> (a plain space).</value>
    public bool NonBreakingSpaceInCategory { get; init; }

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public void Validate()
    {
        if (Items is < 1 or > MaxItems)
        {
            throw new ArgumentOutOfRangeException(
                nameof(Items),
                Items,
                string.Create(CultureInfo.InvariantCulture, $"Items must be between 1 and {MaxItems}."));
        }

        if (End < Start)
        {
            throw new ArgumentOutOfRangeException(
                nameof(End),
                End,
                string.Create(CultureInfo.InvariantCulture, $"End ({End:yyyy-MM-dd}) must not be before Start ({Start:yyyy-MM-dd})."));
        }

        if (End.DayNumber - Start.DayNumber >= MaxDays)
        {
            throw new ArgumentOutOfRangeException(
                nameof(End),
                End,
                string.Create(CultureInfo.InvariantCulture, $"The span from Start to End must be shorter than {MaxDays} days."));
        }

        if (!(MissingDayRate is >= 0 and <= 0.9))
        {
            throw new ArgumentOutOfRangeException(nameof(MissingDayRate), MissingDayRate, "MissingDayRate must be between 0 and 0.9.");
        }
    }
}
