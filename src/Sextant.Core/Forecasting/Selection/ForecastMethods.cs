using System.Globalization;
using Sextant.Forecasting.Arima;
using Sextant.Forecasting.Baselines;
using Sextant.Forecasting.Combination;
using Sextant.Forecasting.Ets;
using Sextant.Forecasting.Theta;

namespace Sextant.Forecasting.Selection;

/// <summary>Fits any <see cref="ForecastMethod"/> to a series, and chooses one by rolling-origin cross-validation.</summary>
public static class ForecastMethods
{
    /// <summary>The method's name on the command line and in JSON (<c>arima</c>, <c>snaive</c>, <c>combo</c>, ...).</summary>
    public static string Key(ForecastMethod method) => method switch
    {
        ForecastMethod.SeasonalNaive => "snaive",
        ForecastMethod.Combination => "combo",
        _ => method.ToString().ToLowerInvariant(),
    };

    /// <summary>Parses a <see cref="Key"/>.</summary>
    /// <exception cref="FormatException">No method has that name.</exception>
    public static ForecastMethod Parse(string key)
    {
        foreach (var method in Enum.GetValues<ForecastMethod>())
        {
            if (string.Equals(Key(method), key, StringComparison.OrdinalIgnoreCase))
            {
                return method;
            }
        }

        throw new FormatException($"'{key}' is not a forecast method: use auto, arima, ets, theta, naive, snaive, drift, mean or combo.");
    }

    /// <summary>Fits a method (not <see cref="ForecastMethod.Auto"/>) to a series.</summary>
    /// <exception cref="ForecastDataException">The series does not suit the method (too short, constant, ...).</exception>
    public static IForecastModel Fit(TimeSeries series, ForecastMethod method) => Fit(series, method, null);

    /// <summary>
    /// Fits <paramref name="method"/>, on the Box-Cox transform of the series when <paramref name="lambda"/> is given
    /// (NaN: Guerrero's λ chosen on this series), forecasting on the original scale.
    /// </summary>
    public static IForecastModel Fit(TimeSeries series, ForecastMethod method, double? lambda)
    {
        ArgumentNullException.ThrowIfNull(series);
        return lambda is { } l && method != ForecastMethod.Combination
            ? Transforms.BoxCoxModel.Fit(series, l, transformed => FitPlain(transformed, method))
            : method == ForecastMethod.Combination ? Combine(series, null, lambda) : FitPlain(series, method);
    }

    private static IForecastModel FitPlain(TimeSeries series, ForecastMethod method)
    {
        return method switch
        {
            ForecastMethod.Arima => AutoArima.Fit(series).Model,
            ForecastMethod.Ets => AutoEts.Fit(series).Model,
            ForecastMethod.Theta => ThetaModel.Fit(series),
            ForecastMethod.Naive => BaselineModel.Fit(series, BaselineMethod.Naive),
            ForecastMethod.SeasonalNaive => BaselineModel.Fit(series, BaselineMethod.SeasonalNaive),
            ForecastMethod.Drift => BaselineModel.Fit(series, BaselineMethod.Drift),
            ForecastMethod.Mean => BaselineModel.Fit(series, BaselineMethod.Mean),
            ForecastMethod.Combination => Combine(series, null),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Auto is chosen by AutoFit, not fitted directly."),
        };
    }

    /// <summary>
    /// Chooses among the candidates by rolling-origin cross-validation on <paramref name="series"/>: for k = 1..folds the
    /// first n - k h values are fitted and the next h forecast; the lowest mean sMAPE wins (MASE breaks ties), and the
    /// winner is refitted on the whole series. Folds whose training part is shorter than two horizons are skipped.
    /// </summary>
    /// <param name="series">The training series (hold a test part out before calling).</param>
    /// <param name="horizon">The forecast horizon the choice is for.</param>
    /// <param name="options">Candidates and folds, or <see langword="null"/> for the defaults.</param>
    /// <exception cref="ForecastDataException">The series is too short for one fold, or no candidate could forecast any fold.</exception>
    public static AutoForecastResult AutoFit(TimeSeries series, int horizon, AutoForecastOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        options ??= new AutoForecastOptions();
        options.Validate();
        var folds = Enumerable.Range(1, options.Folds).Where(k => series.Length - (k * horizon) >= Math.Max(2 * horizon, 4)).ToArray();
        if (folds.Length == 0)
        {
            throw new ForecastDataException(string.Create(CultureInfo.InvariantCulture, $"Not enough data: cross-validating a {horizon}-step forecast needs at least {3 * horizon} observations, the series has {series.Length}."));
        }

        var candidates = options.Candidates.Distinct().ToArray();
        var results = new (double Smape, double Mase, string? Failure)[folds.Length, candidates.Length];
        Parallel.For(0, folds.Length, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, f =>
        {
            var trainLength = series.Length - (folds[f] * horizon);
            var train = series.Head(trainLength);
            var actual = series.Values.Slice(trainLength, horizon).ToArray();
            var fitted = new Dictionary<ForecastMethod, IForecastModel>();
            for (var c = 0; c < candidates.Length; c++)
            {
                try
                {
                    var model = candidates[c] == ForecastMethod.Combination ? Combine(train, fitted, options.Lambda) : Fit(train, candidates[c], options.Lambda);
                    fitted[candidates[c]] = model;
                    var accuracy = ForecastAccuracy.Compute(actual, model.Forecast(horizon, []), train.Values, series.SeasonLength);
                    results[f, c] = (accuracy.Smape, accuracy.Mase, null);
                }
                catch (ForecastDataException ex)
                {
                    results[f, c] = (double.NaN, double.NaN, ex.Message);
                }
            }
        });

        var scores = new List<CandidateScore>(candidates.Length);
        for (var c = 0; c < candidates.Length; c++)
        {
            double smape = 0, mase = 0;
            var scored = 0;
            string? failure = null;
            for (var f = 0; f < folds.Length; f++)
            {
                if (results[f, c].Failure is { } reason)
                {
                    failure ??= reason;
                    continue;
                }

                smape += results[f, c].Smape;
                mase += results[f, c].Mase;
                scored++;
            }

            // A method that failed on some fold is ranked on the folds it forecast only if it forecast them all.
            var complete = scored == folds.Length;
            scores.Add(new CandidateScore(candidates[c], complete ? smape / scored : double.PositiveInfinity, scored > 0 ? mase / scored : double.PositiveInfinity, scored, failure));
        }

        scores.Sort((a, b) => a.Smape != b.Smape ? a.Smape.CompareTo(b.Smape) : a.Mase.CompareTo(b.Mase));
        foreach (var best in scores.Where(s => double.IsFinite(s.Smape)))
        {
            IForecastModel model;
            try
            {
                model = Fit(series, best.Method, options.Lambda);
            }
            catch (ForecastDataException)
            {
                continue;
            }

            var runnerUp = scores.FirstOrDefault(s => s.Method != best.Method && double.IsFinite(s.Smape));
            var reason = string.Create(CultureInfo.InvariantCulture, $"{Key(best.Method)} had the lowest mean sMAPE ({best.Smape:F2}) over {folds.Length} rolling origins of {horizon} steps")
                + (runnerUp is null ? "." : string.Create(CultureInfo.InvariantCulture, $"; next was {Key(runnerUp.Method)} ({runnerUp.Smape:F2})."));
            return new AutoForecastResult(best.Method, model, scores, reason);
        }

        throw new ForecastDataException("No forecast method could be fitted to the series: " + (scores.FirstOrDefault()?.Failure ?? "every candidate failed."));
    }

    private static CombinationModel Combine(TimeSeries series, Dictionary<ForecastMethod, IForecastModel>? fitted, double? lambda = null)
    {
        var members = new List<IForecastModel>(3);
        string? failure = null;
        foreach (var method in (ReadOnlySpan<ForecastMethod>)[ForecastMethod.Arima, ForecastMethod.Ets, ForecastMethod.Theta])
        {
            if (fitted is not null && fitted.TryGetValue(method, out var model))
            {
                members.Add(model);
                continue;
            }

            try
            {
                members.Add(Fit(series, method, lambda));
            }
            catch (ForecastDataException ex)
            {
                failure ??= ex.Message;
            }
        }

        return members.Count > 0 ? new CombinationModel(members) : throw new ForecastDataException("No member of the combination could be fitted: " + failure);
    }
}
