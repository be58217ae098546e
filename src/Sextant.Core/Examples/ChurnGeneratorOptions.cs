using System.Globalization;

namespace Sextant.Examples;

/// <summary>Options of <see cref="ChurnDataGenerator"/>.</summary>
public sealed record ChurnGeneratorOptions
{
    /// <summary>The most rows a caller may ask for; the text is built in memory.</summary>
    public const int MaxRows = 2_000_000;

    /// <summary>Number of customers (data rows, header not counted).</summary>
    /// <value>Default 7043, the size of the public file. Between 1 and <see cref="MaxRows"/>.</value>
    public int Rows { get; init; } = 7043;

    /// <summary>Seed of the random stream: the same options give the same bytes.</summary>
    /// <value>Default 42.</value>
    public int Seed { get; init; } = 42;

    /// <summary>Target share of churned customers (<c>Churn</c> = Yes).</summary>
    /// <value>Default 0.265 (1,869 of 7,043 in the public file). Strictly between 0 and 1.</value>
    public double ChurnRate { get; init; } = 0.265;

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

        if (!(ChurnRate is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ChurnRate), ChurnRate, "ChurnRate must be strictly between 0 and 1.");
        }
    }
}
