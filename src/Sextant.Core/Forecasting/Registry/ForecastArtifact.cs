using Sextant.Projects;

namespace Sextant.Forecasting.Registry;

/// <summary>
/// What a registered forecast version stores: each segment's series as built from the dataset version, the method
/// chosen for it and its holdout accuracy. Refitting a chosen method on its series is deterministic and takes
/// milliseconds, so the fitted state is not serialised: serving refits once per version and segment.
/// </summary>
public sealed record ForecastArtifact
{
    /// <summary>The layout this code writes and reads.</summary>
    public const string CurrentFormat = "sextant-forecast/1";

    public string Format { get; init; } = CurrentFormat;

    /// <summary>Gets the registered model (the project's name with <c>_forecast</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the <c>forecast:</c> settings it was trained with.</summary>
    public required ForecastConfig Config { get; init; }

    /// <summary>Gets the dataset version the series were built from, and its fingerprint.</summary>
    public required int DatasetVersion { get; init; }

    public required string DatasetFingerprint { get; init; }

    /// <summary>Gets the periods held out to score each segment.</summary>
    public required int HoldoutPoints { get; init; }

    /// <summary>Gets the segments (one without segment columns), in the order they first appear in the data.</summary>
    public required IReadOnlyList<ForecastSegment> Segments { get; init; }

    /// <summary>Gets the version's metrics: holdout accuracy averaged over the segments, and counts.</summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>The segment whose key is <paramref name="key"/> (ignoring order), the only one when there is one and no key is given; null when none matches.</summary>
    public ForecastSegment? Find(IReadOnlyDictionary<string, string>? key)
    {
        if ((key is null || key.Count == 0) && Segments.Count == 1)
        {
            return Segments[0];
        }

        return key is null ? null : Segments.FirstOrDefault(s => s.Key.Count == key.Count && s.Key.All(kv => key.TryGetValue(kv.Key, out var v) && v == kv.Value));
    }
}

/// <summary>One segment's series, its chosen method, and how it did on the holdout (or why it could not be forecast).</summary>
public sealed record ForecastSegment
{
    /// <summary>Gets the segment columns' values (empty for a single series).</summary>
    public required IReadOnlyDictionary<string, string> Key { get; init; }

    /// <summary>Gets the series values, oldest first (empty when it failed before building).</summary>
    public double[] Values { get; init; } = [];

    public SeriesFrequency Frequency { get; init; }

    /// <summary>Gets the date of the first value, or <see langword="null"/> for plain period numbers.</summary>
    public DateTime? Start { get; init; }

    public long FirstPeriod { get; init; } = 1;

    public int SeasonLength { get; init; } = 1;

    /// <summary>Gets how many periods had no row and were filled under the missing-period policy.</summary>
    public int Filled { get; init; }

    /// <summary>Gets the method fitted to the whole series (auto's choice), e.g. <c>arima</c>; null when the segment failed.</summary>
    public string? Method { get; init; }

    /// <summary>Gets the fitted model in the usual notation, e.g. <c>ARIMA(0,1,1)(0,1,1)[7]</c>.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the configured method's accuracy on the held-out periods.</summary>
    public ForecastAccuracy? Holdout { get; init; }

    /// <summary>Gets why the segment could not be forecast, or <see langword="null"/>.</summary>
    public string? Failure { get; init; }

    /// <summary>The segment in words: <c>Category=Fruit</c>, or <c>all rows</c>.</summary>
    public string Label => Key.Count == 0 ? "all rows" : string.Join(", ", Key.Select(kv => $"{kv.Key}={kv.Value}"));

    /// <summary>The series as the forecasting models take it.</summary>
    public TimeSeries Series() => Start is { } start
        ? new TimeSeries(Values, Frequency, start, SeasonLength)
        : new TimeSeries(Values, SeasonLength, FirstPeriod);
}
