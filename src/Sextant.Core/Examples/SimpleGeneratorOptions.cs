namespace Sextant.Examples;

/// <summary>Options of the housing, churn and produce generators.</summary>
public sealed record SimpleGeneratorOptions
{
    /// <summary>Rows (housing, churn) or items (produce). <value>Default: the generator's own.</value></summary>
    public int? Rows { get; init; }

    /// <summary><value>Default 42.</value></summary>
    public int Seed { get; init; } = 42;

    public void Validate()
    {
        if (Rows is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Rows), Rows, "Rows must be at least 1.");
        }
    }
}
