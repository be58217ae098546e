using System.Globalization;
using Sextant.Forecasting.Selection;
using Sextant.Projects;
using Sextant.Registry;

namespace Sextant.Forecasting.Registry;

/// <summary>
/// The promotion gate of forecast versions: the candidate's and the champion's methods are both refitted on the
/// candidate's series without its last holdout periods and scored on those periods (the same rows for both), segment by
/// segment; the mean sMAPE (or MASE, <c>forecast.metric</c>) must improve as <see cref="PromotionConfig"/> asks, and
/// every segment the champion forecast must still be forecast.
/// </summary>
public static class ForecastGate
{
    public static (IReadOnlyList<GateCriterion> Criteria, string EvaluatedOn) Evaluate(ForecastArtifact candidate, ForecastArtifact? champion, PromotionConfig gate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(gate);
        if (champion is null)
        {
            return ([], "no current holder: nothing to compare with");
        }

        var criteria = new List<GateCriterion>();
        var dropped = champion.Segments.Where(s => s.Method is not null && candidate.Find(s.Key) is not { Method: not null }).Select(s => s.Label).ToList();
        criteria.Add(new GateCriterion("segments", dropped.Count == 0, dropped.Count == 0
            ? $"the candidate forecasts every segment the champion did ({champion.Segments.Count(s => s.Method is not null)})"
            : $"the candidate no longer forecasts {string.Join(", ", dropped.Take(5))}{(dropped.Count > 5 ? $" and {dropped.Count - 5} more" : "")}"));

        var metric = candidate.Config.Metric;
        var h = candidate.HoldoutPoints;
        var candidateScores = new List<double>();
        var championScores = new List<double>();
        foreach (var segment in candidate.Segments.Where(s => s.Method is not null && s.Values.Length > h + 2))
        {
            if (champion.Find(segment.Key) is not { Method: { } championMethod })
            {
                continue;
            }

            var series = segment.Series();
            var training = series.Head(series.Length - h);
            var actual = series.Values[(series.Length - h)..].ToArray();
            var c = Score(training, actual, segment.Method!, Transforms.BoxCox.Parse(candidate.Config.Lambda), metric);
            var ch = Score(training, actual, championMethod, Transforms.BoxCox.Parse(champion.Config.Lambda), metric);
            if (double.IsFinite(c) && double.IsFinite(ch))
            {
                candidateScores.Add(c);
                championScores.Add(ch);
            }
        }

        var evaluatedOn = string.Create(CultureInfo.InvariantCulture,
            $"dataset v{candidate.DatasetVersion} ({candidate.DatasetFingerprint[..Math.Min(12, candidate.DatasetFingerprint.Length)]}), the last {h} periods of {candidateScores.Count} segment(s)");
        if (candidateScores.Count == 0)
        {
            criteria.Add(new GateCriterion("primary_metric", false, "no segment of the candidate could be scored against the champion on the same held-out periods"));
            return (criteria, evaluatedOn);
        }

        criteria.Add(PromotionGate.Primary(metric, candidateScores.Average(), championScores.Average(), gate));
        return (criteria, evaluatedOn);
    }

    // The method refitted on the training part, forecast over the held-out periods, scored.
    private static double Score(TimeSeries training, double[] actual, string method, double? lambda, string metric)
    {
        try
        {
            var forecast = ForecastMethods.Fit(training, ForecastMethods.Parse(method), lambda).Forecast(actual.Length, [80]);
            var accuracy = ForecastAccuracy.Compute(actual, forecast, training.Values, training.SeasonLength);
            return metric == "mase" ? accuracy.Mase : accuracy.Smape;
        }
        catch (ForecastDataException)
        {
            return double.NaN;
        }
    }
}
