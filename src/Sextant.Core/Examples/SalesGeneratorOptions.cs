namespace Sextant.Examples;

/// <summary>Options of the synthetic sales generator.</summary>
public sealed record SalesGeneratorOptions
{
    /// <summary>Order lines. <value>Default 2823, as the public file.</value></summary>
    public int Rows { get; init; } = 2823;

    /// <summary><value>Default 42.</value></summary>
    public int Seed { get; init; } = 42;

    /// <summary>Code page of the bytes: 850 (DOS Latin-1, as the public file) or 65001 (UTF-8). <value>Default 850.</value></summary>
    public int CodePage { get; init; } = 850;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Rows, 1, nameof(Rows));
        if (CodePage is not (850 or 65001 or 1252))
        {
            throw new ArgumentOutOfRangeException(nameof(CodePage), CodePage, "CodePage must be 850, 1252 or 65001.");
        }
    }
}
