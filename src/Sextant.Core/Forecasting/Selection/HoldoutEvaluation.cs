using System.Globalization;

namespace Sextant.Forecasting.Selection;

/// <summary>Holds the tail of a series out, fits every method on the rest and scores each one's forecast of the tail.</summary>
public static class HoldoutEvaluation
{
    /// <summary>The methods scored on a holdout besides <c>auto</c>.</summary>
    public static readonly IReadOnlyList<ForecastMethod> Methods =
        [ForecastMethod.Naive, ForecastMethod.SeasonalNaive, ForecastMethod.Drift, ForecastMethod.Mean, ForecastMethod.Arima, ForecastMethod.Ets, ForecastMethod.Theta, ForecastMethod.Combination];

    /// <summary>Scores <c>auto</c> (when <paramref name="includeAuto"/>) and the other methods on the last <paramref name="points"/> values.</summary>
    /// <param name="series">The whole series.</param>
    /// <param name="points">Values held out; the rest must keep at least four.</param>
    /// <param name="includeAuto">Also run the automatic choice on the training part and score what it chose.</param>
    /// <param name="levels">Interval levels in percent whose coverage is measured.</param>
    /// <param name="autoOptions">The automatic choice's options, or null for the defaults.</param>
    /// <param name="methods">The methods scored besides auto, or null for every one of <see cref="Methods"/>.</param>
    /// <exception cref="ForecastDataException">The holdout leaves too few values to fit.</exception>
    public static HoldoutResult Score(TimeSeries series, int points, bool includeAuto, IReadOnlyList<double> levels, AutoForecastOptions? autoOptions = null, IReadOnlyList<ForecastMethod>? methods = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(levels);
        if (points < 1 || points >= series.Length - 3)
        {
            throw new ForecastDataException(string.Create(CultureInfo.InvariantCulture, $"Not enough data: a holdout of {points} needs at least {points + 4} points (4 to fit); the series has {series.Length}."));
        }

        var train = series.Head(series.Length - points);
        var actual = series.Values[(series.Length - points)..].ToArray();
        var candidates = new List<HoldoutScore>(Methods.Count + 1);
        ForecastMethod? chosen = null;
        if (includeAuto)
        {
            try
            {
                var auto = ForecastMethods.AutoFit(train, points, autoOptions);
                chosen = auto.Method;
                candidates.Add(Scored("auto", auto.Model, actual, train, levels));
            }
            catch (ForecastDataException ex)
            {
                candidates.Add(new HoldoutScore("auto", null, null, ex.Message));
            }
        }

        foreach (var method in methods ?? Methods)
        {
            try
            {
                candidates.Add(Scored(ForecastMethods.Key(method), ForecastMethods.Fit(train, method, autoOptions?.Lambda), actual, train, levels));
            }
            catch (ForecastDataException ex)
            {
                candidates.Add(new HoldoutScore(ForecastMethods.Key(method), null, null, ex.Message));
            }
        }

        return new HoldoutResult(points, series.Length - points, candidates, chosen);
    }

    private static HoldoutScore Scored(string method, IForecastModel model, double[] actual, TimeSeries train, IReadOnlyList<double> levels) =>
        new(method, model.Name, ForecastAccuracy.Compute(actual, model.Forecast(actual.Length, levels), train.Values, train.SeasonLength), null);
}
