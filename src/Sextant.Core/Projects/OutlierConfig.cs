namespace Sextant.Projects;

/// <summary>Removes rows outside [Q1 - factor*IQR, Q3 + factor*IQR] of the named numeric columns.</summary>
public sealed record OutlierConfig
{
    /// <summary>Only <c>iqr</c> for now. <value>Default iqr.</value></summary>
    public string Method { get; init; } = "iqr";

    /// <summary>The IQR multiple. <value>Default 1.5.</value></summary>
    public double Factor { get; init; } = 1.5;

    public IReadOnlyList<string> Columns { get; init; } = [];
}
