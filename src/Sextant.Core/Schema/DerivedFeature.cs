namespace Sextant.Schema;

/// <summary>
/// A numeric feature computed from declared features, identically at training and prediction (<c>derived</c> in
/// <c>sextant.yaml</c>). Kinds: <c>date_part</c> (part: year, quarter, month, day, day_of_week, day_of_year, hour),
/// <c>ratio</c>, <c>product</c>, <c>difference</c>, <c>sum</c> (two inputs), <c>log</c> (log(1+x), one input).
/// </summary>
public sealed record DerivedFeature
{
    public string Name { get; init; } = "";

    /// <summary><c>date_part</c>, <c>ratio</c>, <c>product</c>, <c>difference</c>, <c>sum</c> or <c>log</c>.</summary>
    public string Kind { get; init; } = "";

    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>For <c>date_part</c>: year, quarter, month, day, day_of_week, day_of_year or hour.</summary>
    public string? Part { get; init; }

    /// <summary>Computes the value from numeric inputs; NaN (missing) when an input is missing or the result is not finite.</summary>
    public double Compute(double a, double b)
    {
        var value = Kind switch
        {
            "ratio" => b == 0 ? double.NaN : a / b,
            "product" => a * b,
            "difference" => a - b,
            "sum" => a + b,
            "log" => a <= -1 ? double.NaN : Math.Log(1 + a),
            _ => throw new InvalidOperationException($"'{Kind}' does not compute from numbers."),
        };
        return double.IsFinite(value) ? value : double.NaN;
    }

    /// <summary>Computes a <c>date_part</c> value; NaN when the date is missing.</summary>
    public double ComputeDatePart(DateTime? date) => date is not { } d ? double.NaN : Part switch
    {
        "year" => d.Year,
        "quarter" => ((d.Month - 1) / 3) + 1,
        "month" => d.Month,
        "day" => d.Day,
        "day_of_week" => (int)d.DayOfWeek,
        "day_of_year" => d.DayOfYear,
        "hour" => d.Hour,
        _ => throw new InvalidOperationException($"Unknown date part '{Part}'."),
    };
}
