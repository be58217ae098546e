using Sextant.Forecasting.Selection;

namespace Sextant.Forecasting.Segments;

/// <summary>What <see cref="SegmentForecaster"/> forecasts: one series per segment of a table.</summary>
public sealed record SegmentForecastOptions
{
    /// <summary>The time column: dates, or whole period numbers.</summary>
    public required string Time { get; init; }

    /// <summary>The numeric column to forecast.</summary>
    public required string Value { get; init; }

    /// <summary>The columns whose values name a segment; empty for one series of the whole table. <value>Default none.</value></summary>
    public IReadOnlyList<string> By { get; init; } = [];

    /// <summary>Steps to forecast. <value>Default 14.</value></summary>
    public int Horizon { get; init; } = 14;

    /// <summary>Hold out this many last values of each series and score every method on them; null for none. <value>Default null.</value></summary>
    public int? Holdout { get; init; }

    /// <summary>
    /// The methods a holdout scores besides <see cref="Method"/>: null for every method (what one series is compared on),
    /// or a shorter list where many segments make every method too slow. <value>Default null.</value>
    /// </summary>
    public IReadOnlyList<ForecastMethod>? HoldoutMethods { get; init; }

    /// <summary>The method; <see cref="ForecastMethod.Auto"/> chooses per series by rolling-origin cross-validation. <value>Default auto.</value></summary>
    public ForecastMethod Method { get; init; } = ForecastMethod.Auto;

    /// <summary>Interval levels in percent. <value>Default 80 and 95.</value></summary>
    public IReadOnlyList<double> Levels { get; init; } = [80, 95];

    /// <summary>How rows of one period combine. <value>Default none (a repeated period is refused).</value></summary>
    public SeriesAggregation Aggregation { get; init; } = SeriesAggregation.None;

    /// <summary>What fills periods without a row. <value>Default interpolate.</value></summary>
    public MissingPeriodPolicy Missing { get; init; } = MissingPeriodPolicy.Interpolate;

    /// <summary>
    /// With <see cref="MissingPeriodPolicy.Interpolate"/>, the largest share of a series' periods that may be filled in;
    /// a series that is mostly interpolation (an item sold on 4 days of a year) is refused as not enough data.
    /// <value>Default 0.5.</value>
    /// </summary>
    public double MaxInterpolatedShare { get; init; } = 0.5;

    /// <summary>The season length, or null for the frequency's usual one. <value>Default null.</value></summary>
    public int? Season { get; init; }

    /// <summary>The Box-Cox λ (NaN: Guerrero's choice per series and training part), or null for none. <value>Default null.</value></summary>
    public double? Lambda { get; init; }

    /// <summary>The most segments forecast at once. <value>Default the processor count.</value></summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Rejects options that cannot work, naming the option.</summary>
    /// <exception cref="SextantException">An option is out of range.</exception>
    public void Validate()
    {
        if (Horizon < 1)
        {
            throw new SextantException("The horizon must be at least 1.");
        }

        if (Holdout is < 1)
        {
            throw new SextantException("A holdout must be at least 1 point.");
        }

        if (!(MaxInterpolatedShare is >= 0 and <= 1))
        {
            throw new SextantException("The largest interpolated share is a fraction from 0 to 1.");
        }

        if (MaxDegreeOfParallelism < 1)
        {
            throw new SextantException("The degree of parallelism must be at least 1.");
        }

        foreach (var level in Levels)
        {
            if (!(level > 0 && level < 100))
            {
                throw new SextantException($"Interval levels are percentages strictly between 0 and 100; {level} is not one.");
            }
        }
    }
}
