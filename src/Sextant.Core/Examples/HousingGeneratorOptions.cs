using System.Globalization;

namespace Sextant.Examples;

/// <summary>Options of <see cref="HousingDataGenerator"/>.</summary>
public sealed record HousingGeneratorOptions
{
    /// <summary>The most rows a caller may ask for; the text is built in memory.</summary>
    public const int MaxRows = 5_000_000;

    /// <summary>Number of block groups (data rows, header not counted).</summary>
    /// <value>Default 20640, the size of the public file. Between 1 and <see cref="MaxRows"/>.</value>
    public int Rows { get; init; } = 20640;

    /// <summary>Seed of the random stream: the same options give the same bytes.</summary>
    /// <value>Default 42.</value>
    public int Seed { get; init; } = 42;

    /// <summary>Share of rows whose <c>total_bedrooms</c> is left blank.</summary>
    /// <value>Default 0.01 (the public file has 207 blanks in 20,640 rows). Between 0 and 1.</value>
    public double BlankBedroomsRate { get; init; } = 0.01;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public void Validate()
    {
        if (Rows is < 1 or > MaxRows)
        {
            throw new ArgumentOutOfRangeException(
                nameof(Rows),
                Rows,
                string.Create(CultureInfo.InvariantCulture, $"Rows must be between 1 and {MaxRows:N0}."));
        }

        if (!(BlankBedroomsRate is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(BlankBedroomsRate),
                BlankBedroomsRate,
                "BlankBedroomsRate must be between 0 and 1.");
        }
    }
}
