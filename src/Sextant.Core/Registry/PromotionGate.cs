using System.Diagnostics;
using System.Globalization;
using Sextant.Data;
using Sextant.Models;
using Sextant.Projects;
using Sextant.Schema;
using Sextant.Training;

namespace Sextant.Registry;

/// <summary>
/// Judges a candidate version against the alias's current holder (the champion) under the project's
/// <see cref="PromotionConfig"/>: both models score the same held-out rows (those the candidate's training held out),
/// and every criterion is reported with its numbers, passed or not.
/// </summary>
public static class PromotionGate
{
    private const int LatencyRows = 300;
    private const int LatencyRepeats = 5;

    public static async Task<(IReadOnlyList<GateCriterion> Criteria, string EvaluatedOn)> EvaluateAsync(
        SextantProject project, Predictor candidate, Predictor? champion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(candidate);
        var gate = project.Config.Promotion;
        var criteria = new List<GateCriterion>();
        if (gate.RequireValidation)
        {
            criteria.Add(new GateCriterion("validation", candidate.Artifact.ValidationPassed, candidate.Artifact.ValidationPassed
                ? "the training data passed validation"
                : "the model was trained with --allow-invalid on data that failed validation"));
        }

        if (champion is null)
        {
            return (criteria, "no current holder: nothing to compare with");
        }

        if (gate.RequireCompatibleSignature)
        {
            criteria.Add(Signature(candidate.Schema, champion.Schema));
        }

        var (info, table) = await project.Store.LoadDatasetAsync(project.Name, candidate.Artifact.DatasetVersion, cancellationToken).ConfigureAwait(false);
        var data = LabelledData.Prepare(project.Config, candidate.Schema, table, candidate.Artifact.ClassLabels, await project.ReadTestFileAsync(cancellationToken).ConfigureAwait(false));
        var (test, actual) = data.Test;
        var evaluatedOn = $"dataset v{info.Version} ({info.Fingerprint[..Math.Min(12, info.Fingerprint.Length)]}), {test.RowCount} held-out rows";
        if (test.RowCount == 0)
        {
            criteria.Add(new GateCriterion("primary_metric", false, $"dataset v{info.Version} has no held-out rows to compare the models on"));
            return (criteria, evaluatedOn);
        }

        var task = candidate.Schema.Task;
        var candidateScores = Trainer.Score(task, actual, candidate.PredictTable(test));
        double[] championPredictions;
        try
        {
            championPredictions = champion.PredictTable(test);
        }
        catch (Exception ex) when (ex is SextantException or KeyNotFoundException or ArgumentException)
        {
            criteria.Add(new GateCriterion("primary_metric", false, $"the champion v{champion.Version} cannot score the candidate's held-out rows: {ex.Message}"));
            return (criteria, evaluatedOn);
        }

        if (task == ProjectTask.Classification && champion.Artifact.ClassLabels?[0] != candidate.Artifact.ClassLabels?[0])
        {
            // The champion's probability is of the other label.
            for (var i = 0; i < championPredictions.Length; i++)
            {
                championPredictions[i] = 1 - championPredictions[i];
            }
        }

        var championScores = Trainer.Score(task, actual, championPredictions);
        var primary = Trainer.PrimaryMetric(project.Config);
        criteria.Add(Primary(primary, candidateScores[primary], championScores[primary], gate));
        foreach (var (metric, allowed) in gate.GuardMetrics)
        {
            criteria.Add(Guard(metric, allowed, candidateScores, championScores));
        }

        if (gate.MaxLatencyRatio > 0)
        {
            var candidateP95 = P95Microseconds(candidate, test);
            var championP95 = P95Microseconds(champion, test);
            var ratio = candidateP95 / Math.Max(championP95, 1e-3);
            criteria.Add(new GateCriterion("latency_p95", ratio <= gate.MaxLatencyRatio,
                $"p95 single-row scoring {F(candidateP95)} µs vs champion {F(championP95)} µs: {F(ratio)}x (limit {F(gate.MaxLatencyRatio)}x)",
                candidateP95, championP95, gate.MaxLatencyRatio));
        }

        return (criteria, evaluatedOn);
    }

    /// <summary>Whether the candidate's primary metric improves on the champion's by what the gate requires.</summary>
    public static GateCriterion Primary(string metric, double candidate, double champion, PromotionConfig gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var lower = Trainer.LowerIsBetter(metric);
        var improvement = lower ? champion - candidate : candidate - champion;
        var required = Math.Max(gate.MinImprovement, gate.MinRelativeImprovement * Math.Abs(champion));
        var passed = !double.IsNaN(improvement) && improvement >= required;
        var direction = lower ? "lower is better" : "higher is better";
        return new GateCriterion("primary_metric", passed,
            $"{metric} {F(candidate)} vs champion {F(champion)} ({direction}): improvement {F(improvement)}, required at least {F(required)}",
            candidate, champion, required);
    }

    private static GateCriterion Guard(string metric, double allowed, IReadOnlyDictionary<string, double> candidate, IReadOnlyDictionary<string, double> champion)
    {
        if (!candidate.TryGetValue(metric, out var c) || !champion.TryGetValue(metric, out var ch))
        {
            return new GateCriterion($"guard:{metric}", false, $"guard metric '{metric}' is not a metric of this task; use one of {string.Join(", ", candidate.Keys)}");
        }

        var worse = (Trainer.LowerIsBetter(metric) ? c - ch : ch - c) / Math.Max(Math.Abs(ch), 1e-12);
        return new GateCriterion($"guard:{metric}", worse <= allowed,
            $"{metric} {F(c)} vs champion {F(ch)}: {(worse > 0 ? $"{worse:P2} worse" : "not worse")} (allowed {allowed:P2})", c, ch, allowed);
    }

    /// <summary>Whether callers of the champion can call the candidate unchanged.</summary>
    public static GateCriterion Signature(FeatureSchema candidate, FeatureSchema champion)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(champion);
        var problems = new List<string>();
        foreach (var feature in candidate.Features.Where(f => f.Required && champion.Find(f.Name) is null))
        {
            problems.Add($"requires new feature '{feature.Name}' that current callers do not send");
        }

        foreach (var old in champion.Features)
        {
            if (candidate.Find(old.Name) is not { } now)
            {
                if (old.Required)
                {
                    problems.Add($"removes required feature '{old.Name}'");
                }

                continue;
            }

            if (now.Type != old.Type)
            {
                problems.Add($"changes '{old.Name}' from {old.Type.ToString().ToLowerInvariant()} to {now.Type.ToString().ToLowerInvariant()}");
            }

            if (now.Allowed is { } allowed && (old.Allowed ?? []).Except(allowed, StringComparer.Ordinal).ToList() is { Count: > 0 } dropped)
            {
                problems.Add($"no longer accepts {string.Join(", ", dropped.Take(5).Select(v => $"'{v}'"))} for '{old.Name}'");
            }
        }

        return new GateCriterion("signature", problems.Count == 0, problems.Count == 0
            ? "the input schema is compatible with the champion's callers"
            : "the input schema " + string.Join("; ", problems));
    }

    // p95 of single-row scoring (preprocessed row -> model), the part of a request that depends on the model.
    private static double P95Microseconds(Predictor predictor, Table test)
    {
        var rows = Math.Min(test.RowCount, LatencyRows);
        var sample = test.Take([.. Enumerable.Range(0, rows)]);
        var x = predictor.Artifact.Preprocessor.Transform(DerivedFeatures.AddTo(sample, predictor.Schema));
        var width = predictor.Artifact.Preprocessor.Width;
        var times = new double[rows * LatencyRepeats];
        var sink = 0.0;
        for (var i = 0; i < rows; i++)
        {
            sink += predictor.Model.Score(x.AsSpan(i * width, width));
        }

        for (int repeat = 0, k = 0; repeat < LatencyRepeats; repeat++)
        {
            for (var i = 0; i < rows; i++, k++)
            {
                var start = Stopwatch.GetTimestamp();
                sink += predictor.Model.Score(x.AsSpan(i * width, width));
                times[k] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
        }

        Debug.Assert(!double.IsInfinity(sink), "scores are finite");
        Array.Sort(times);
        return times[(int)Math.Ceiling(0.95 * times.Length) - 1];
    }

    private static string F(double value) => value.ToString("G5", CultureInfo.InvariantCulture);
}
