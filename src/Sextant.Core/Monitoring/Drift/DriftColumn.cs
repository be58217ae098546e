namespace Sextant.Monitoring.Drift;

/// <summary>
/// One column of reference or current data for drift monitoring, independent of <see cref="Data.Table"/>: numbers
/// (NaN missing) or labels (<see langword="null"/> missing).
/// </summary>
public sealed class DriftColumn
{
    private DriftColumn(string name, DriftFeatureKind kind, double[]? numbers, string?[]? labels)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Kind = kind;
        Numbers = numbers;
        Labels = labels;
    }

    /// <summary>The feature name.</summary>
    public string Name { get; }

    /// <summary>Numeric or categorical.</summary>
    public DriftFeatureKind Kind { get; }

    /// <summary>The values of a numeric column, NaN missing; <see langword="null"/> for a categorical one.</summary>
    public double[]? Numbers { get; }

    /// <summary>The values of a categorical column, <see langword="null"/> missing; <see langword="null"/> for a numeric one.</summary>
    public string?[]? Labels { get; }

    /// <summary>The number of rows.</summary>
    public int Length => Numbers?.Length ?? Labels!.Length;

    /// <summary>A numeric column.</summary>
    public static DriftColumn Numeric(string name, double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new DriftColumn(name, DriftFeatureKind.Numeric, values, null);
    }

    /// <summary>A categorical column.</summary>
    public static DriftColumn Categorical(string name, string?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new DriftColumn(name, DriftFeatureKind.Categorical, null, values);
    }
}
