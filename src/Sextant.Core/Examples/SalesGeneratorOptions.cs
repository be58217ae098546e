using System.Globalization;

namespace Sextant.Examples;

/// <summary>Options of <see cref="SalesDataGenerator"/>.</summary>
public sealed record SalesGeneratorOptions
{
    /// <summary>The most rows a caller may ask for; the text is built in memory.</summary>
    public const int MaxRows = 5_000_000;

    /// <summary>Number of order lines (data rows, header not counted).</summary>
    /// <value>Default 2823, the size of the public file. Between 1 and <see cref="MaxRows"/>.</value>
    public int Rows { get; init; } = 2823;

    /// <summary>Seed of the random stream: the same options give the same bytes.</summary>
    /// <value>Default 42.</value>
    public int Seed { get; init; } = 42;

    /// <summary>Byte encoding of the file.</summary>
    /// <value>Default <see cref="SalesFileEncoding.CodePage850"/>, like the public file.</value>
    public SalesFileEncoding Encoding { get; init; } = SalesFileEncoding.CodePage850;

    /// <summary>Whether lines end with CR LF instead of LF.</summary>
    /// <value>Default <see langword="false"/> (LF).</value>
    public bool UseCrLf { get; init; }

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

        if (!Enum.IsDefined(Encoding))
        {
            throw new ArgumentOutOfRangeException(
                nameof(Encoding),
                Encoding,
                "Encoding must be CodePage850 or Utf8.");
        }
    }
}
