using System.Globalization;

namespace Sextant.Forecasting;

/// <summary>
/// A univariate, regularly spaced series: its values in time order, the time of each (calendar dates or plain period
/// numbers), its frequency and its season length.
/// </summary>
public sealed class TimeSeries
{
    private readonly double[] _values;
    private readonly DateTime[]? _times;

    /// <summary>Creates a series of plain periods numbered from <paramref name="firstPeriod"/>.</summary>
    /// <param name="values">The observations in time order; finite, at least one.</param>
    /// <param name="seasonLength">Observations per season; 1 for a non-seasonal series.</param>
    /// <param name="firstPeriod">The period number of the first observation. <value>Default 1.</value></param>
    /// <exception cref="ArgumentException">No value, or a value is NaN or infinite.</exception>
    public TimeSeries(double[] values, int seasonLength = 1, long firstPeriod = 1)
        : this(values, seasonLength, SeriesFrequency.Periods, null, firstPeriod)
    {
    }

    /// <summary>Creates a calendar series whose first observation is at <paramref name="start"/>.</summary>
    /// <param name="values">The observations in time order; finite, at least one.</param>
    /// <param name="frequency">The spacing of the observations; not <see cref="SeriesFrequency.Periods"/>.</param>
    /// <param name="start">The time of the first observation.</param>
    /// <param name="seasonLength">Observations per season, or <see langword="null"/> for the frequency's usual one (see <see cref="DefaultSeasonLength"/>).</param>
    /// <exception cref="ArgumentException">No value, a value is not finite, or the frequency is <see cref="SeriesFrequency.Periods"/>.</exception>
    public TimeSeries(double[] values, SeriesFrequency frequency, DateTime start, int? seasonLength = null)
        : this(values, seasonLength ?? DefaultSeasonLength(frequency), frequency, Steps(frequency, start, values?.Length ?? 0), 1)
    {
    }

    private TimeSeries(double[] values, int seasonLength, SeriesFrequency frequency, DateTime[]? times, long firstPeriod)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(seasonLength, 1);
        if (values.Length == 0)
        {
            throw new ArgumentException("A series needs at least one value.", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Value {i} of the series is not finite ({values[i]})."), nameof(values));
            }
        }

        _values = values;
        _times = times;
        SeasonLength = seasonLength;
        Frequency = frequency;
        FirstPeriod = firstPeriod;
    }

    /// <summary>The observations in time order.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The number of observations.</summary>
    public int Length => _values.Length;

    /// <summary>Observations per season (12 for monthly data with a yearly cycle); 1 when the series has no season.</summary>
    public int SeasonLength { get; }

    /// <summary>The spacing of the observations.</summary>
    public SeriesFrequency Frequency { get; }

    /// <summary>The period number of the first observation (for <see cref="SeriesFrequency.Periods"/> series).</summary>
    public long FirstPeriod { get; }

    /// <summary>The value at <paramref name="index"/>.</summary>
    public double this[int index] => _values[index];

    /// <summary>The usual season length of a frequency: 7 (daily), 52 (weekly), 12 (monthly), 4 (quarterly), 1 otherwise.</summary>
    public static int DefaultSeasonLength(SeriesFrequency frequency) => frequency switch
    {
        SeriesFrequency.Daily => 7,
        SeriesFrequency.Weekly => 52,
        SeriesFrequency.Monthly => 12,
        SeriesFrequency.Quarterly => 4,
        _ => 1,
    };

    /// <summary>
    /// Infers the frequency of sorted, regularly spaced times: daily, weekly, monthly (same day of month, one month apart),
    /// quarterly or yearly.
    /// </summary>
    /// <returns>The frequency, or <see langword="null"/> when the times are fewer than two, unsorted or irregular.</returns>
    public static SeriesFrequency? InferFrequency(ReadOnlySpan<DateTime> times)
    {
        if (times.Length < 2)
        {
            return null;
        }

        foreach (var frequency in (ReadOnlySpan<SeriesFrequency>)[SeriesFrequency.Daily, SeriesFrequency.Weekly, SeriesFrequency.Monthly, SeriesFrequency.Quarterly, SeriesFrequency.Yearly])
        {
            var regular = true;
            for (var i = 1; i < times.Length && regular; i++)
            {
                regular = Step(frequency, times[0], i) == times[i];
            }

            if (regular)
            {
                return frequency;
            }
        }

        return null;
    }

    /// <summary>The time of observation <paramref name="index"/>, which may lie past the end (a forecast's time).</summary>
    /// <returns>The date and time, or <see langword="null"/> for a series of plain periods.</returns>
    public DateTime? TimeAt(int index) =>
        _times is null ? null : Step(Frequency, _times[0], index);

    /// <summary>The period number of observation <paramref name="index"/> (which may lie past the end).</summary>
    public long PeriodAt(int index) => FirstPeriod + index;

    /// <summary>The time of observation <paramref name="index"/> as text: an ISO date, or the period number.</summary>
    public string TimeLabel(int index) =>
        TimeAt(index) is { } time
            ? time.ToString(time.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)
            : PeriodAt(index).ToString(CultureInfo.InvariantCulture);

    /// <summary>The first <paramref name="count"/> observations, with the same times, frequency and season.</summary>
    public TimeSeries Head(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Length);
        return new TimeSeries(_values[..count], SeasonLength, Frequency, _times?[..count], FirstPeriod);
    }

    /// <summary>Other values (as many) at the same times, with the same frequency and season: e.g. a transformed series.</summary>
    public TimeSeries WithValues(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Length == _values.Length
            ? new(values, SeasonLength, Frequency, _times, FirstPeriod)
            : throw new ArgumentException($"{values.Length} values for a series of {_values.Length}.", nameof(values));
    }

    /// <summary>The same observations with another season length.</summary>
    public TimeSeries WithSeasonLength(int seasonLength) =>
        new(_values, seasonLength, Frequency, _times, FirstPeriod);

    private static DateTime[]? Steps(SeriesFrequency frequency, DateTime start, int count)
    {
        if (frequency == SeriesFrequency.Periods)
        {
            throw new ArgumentException("A calendar series needs a calendar frequency; use the period constructor for plain periods.", nameof(frequency));
        }

        var times = new DateTime[count];
        for (var i = 0; i < count; i++)
        {
            times[i] = Step(frequency, start, i);
        }

        return times;
    }

    private static DateTime Step(SeriesFrequency frequency, DateTime start, int steps) => frequency switch
    {
        SeriesFrequency.Daily => start.AddDays(steps),
        SeriesFrequency.Weekly => start.AddDays(7.0 * steps),
        SeriesFrequency.Monthly => start.AddMonths(steps),
        SeriesFrequency.Quarterly => start.AddMonths(3 * steps),
        SeriesFrequency.Yearly => start.AddYears(steps),
        _ => throw new InvalidOperationException("Plain periods have no calendar time."),
    };
}
