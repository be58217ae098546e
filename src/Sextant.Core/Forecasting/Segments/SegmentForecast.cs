using Sextant.Forecasting.Selection;

namespace Sextant.Forecasting.Segments;

/// <summary>The forecast of one segment's series, or why there is none.</summary>
/// <param name="Key">The segment's value of each <see cref="SegmentForecastOptions.By"/> column; empty for the whole table.</param>
/// <param name="Rows">The table rows of the segment.</param>
public sealed record SegmentForecast(IReadOnlyDictionary<string, string> Key, int Rows)
{
    /// <summary>The series built from the segment's rows; null when it could not be built.</summary>
    public BuiltSeries? Series { get; init; }

    /// <summary>The method that forecast (auto's choice when auto was asked for).</summary>
    public ForecastMethod? Method { get; init; }

    /// <summary>The model fitted on the whole series.</summary>
    public IForecastModel? Model { get; init; }

    /// <summary>Why auto chose its method; null for a fixed method.</summary>
    public AutoForecastResult? Selection { get; init; }

    /// <summary>The forecast after the last value.</summary>
    public SeriesForecast? Forecast { get; init; }

    /// <summary>Every method's scores on the held-out tail, when a holdout was asked for.</summary>
    public HoldoutResult? Holdout { get; init; }

    /// <summary>Why the segment has no forecast (not enough data, irregular dates, ...); null when it has one.</summary>
    public string? Failure { get; init; }

    /// <summary>The segment as one label, e.g. <c>Item Code=102900005115762</c>, or <c>all rows</c>.</summary>
    public string Label => Key.Count == 0 ? "all rows" : string.Join(", ", Key.Select(kv => $"{kv.Key}={kv.Value}"));
}
