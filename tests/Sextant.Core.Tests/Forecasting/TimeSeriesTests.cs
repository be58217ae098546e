using Sextant.Forecasting;

namespace Sextant.Core.Tests.Forecasting;

public sealed class TimeSeriesTests
{
    [Fact]
    public void InferFrequency_MonthEnds_AreNotMonthlyButFirstOfMonthIs()
    {
        DateTime[] firsts = [new(2024, 1, 1), new(2024, 2, 1), new(2024, 3, 1)];
        DateTime[] days = [new(2024, 1, 30), new(2024, 1, 31), new(2024, 2, 1)];

        Assert.Equal(SeriesFrequency.Monthly, TimeSeries.InferFrequency(firsts));
        Assert.Equal(SeriesFrequency.Daily, TimeSeries.InferFrequency(days));
        Assert.Null(TimeSeries.InferFrequency([new(2024, 1, 1), new(2024, 1, 2), new(2024, 1, 4)]));
    }

    [Fact]
    public void TimeLabel_PastTheEnd_ContinuesTheCalendar()
    {
        var series = new TimeSeries([1, 2, 3], SeriesFrequency.Quarterly, new DateTime(2023, 10, 1));

        Assert.Equal(4, new TimeSeries([1.0], SeriesFrequency.Quarterly, new DateTime(2023, 10, 1)).SeasonLength);
        Assert.Equal("2024-07-01", series.TimeLabel(3));
        Assert.Equal("12", new TimeSeries([1.0, 2], firstPeriod: 10).TimeLabel(2));
    }

    [Fact]
    public void Constructor_NaNValue_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new TimeSeries([1, double.NaN]));
    }
}
