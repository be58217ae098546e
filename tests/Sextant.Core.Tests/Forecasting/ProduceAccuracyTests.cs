using System.Globalization;
using Sextant.Core.Tests.Learners.GradientBoosting;
using Sextant.Data;
using Sextant.Data.Ingest;
using Sextant.Forecasting;
using Sextant.Forecasting.Selection;
using Xunit.Abstractions;

namespace Sextant.Core.Tests.Forecasting;

/// <summary>
/// The produce bar of issue 14: daily mean wholesale price per category (annex1 + annex3 of shared/data/produce, the
/// days that have prices, season 7), the last 28 days held out. Statsmodels measured naive 10.24, seasonal naive 11.13
/// and a per-series oracle of SARIMA/naive/seasonal naive 8.89 mean sMAPE.
/// </summary>
public sealed class ProduceAccuracyTests(ITestOutputHelper output)
{
    private const int Holdout = 28;

    [Fact]
    public async Task Baselines_OnProduceCategories_ReproduceTheStatsmodelsFigures()
    {
        // The series as the reference built them: naive 10.24 and seasonal naive(7) 11.13 mean sMAPE. The auto
        // bar (<= 8.9, 80% coverage 70-90%) is measured by the CLI in docs/BENCHMARKS.md: it is not met yet (9.38, 98%).
        var series = await CategorySeriesAsync();
        Assert.Equal(6, series.Count);
        var naive = new List<double>();
        var seasonal = new List<double>();
        foreach (var (category, values) in series)
        {
            var train = new TimeSeries(values[..^Holdout], seasonLength: 7);
            var actual = values.AsSpan(values.Length - Holdout);
            naive.Add(ForecastAccuracy.Compute(actual, ForecastMethods.Fit(train, ForecastMethod.Naive).Forecast(Holdout, [80]), train.Values, 7).Smape);
            seasonal.Add(ForecastAccuracy.Compute(actual, ForecastMethods.Fit(train, ForecastMethod.SeasonalNaive).Forecast(Holdout, [80]), train.Values, 7).Smape);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{category}: naive {naive[^1]:F2}, snaive {seasonal[^1]:F2}"));
        }

        Assert.Equal(10.24, naive.Average(), 0.01);
        Assert.Equal(11.13, seasonal.Average(), 0.01);
    }

    internal static async Task<IReadOnlyList<(string Category, double[] Values)>> CategorySeriesAsync()
    {
        var items = (await CsvTableReader.ReadAsync(SharedDataFiles.PathOf(Path.Combine("produce", "annex1.csv")), new CsvReadOptions())).Table;
        var prices = (await CsvTableReader.ReadAsync(SharedDataFiles.PathOf(Path.Combine("produce", "annex3.csv")), new CsvReadOptions())).Table;
        var codes = ((NumericColumn)items["Item Code"]).Values;
        var names = ((TextColumn)items["Category Name"]).Values;
        var categoryOf = new Dictionary<double, string>();
        for (var i = 0; i < codes.Length; i++)
        {
            categoryOf[codes[i]] = names[i]!;
        }

        var dates = ((DateColumn)prices["Date"]).Values;
        var itemCodes = ((NumericColumn)prices["Item Code"]).Values;
        var price = ((NumericColumn)prices["Wholesale Price (RMB/kg)"]).Values;
        var sums = new SortedDictionary<(string, DateTime), (double Sum, int Count)>();
        for (var r = 0; r < dates.Length; r++)
        {
            var key = (categoryOf[itemCodes[r]], dates[r]!.Value);
            sums.TryGetValue(key, out var acc);
            sums[key] = (acc.Sum + price[r], acc.Count + 1);
        }

        return sums.GroupBy(kv => kv.Key.Item1, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Select(kv => kv.Value.Sum / kv.Value.Count).ToArray()))
            .ToArray();
    }
}
