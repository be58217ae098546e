using System.Globalization;
using Sextant.Models;
using Sextant.Projects;

namespace Sextant.Training.Tuning;

/// <summary>
/// Runs the comparison a training run asks for: the declared candidates, the trials of a search over their ranges,
/// or both, all scored by one <see cref="CandidateScorer"/>; the best by the primary metric among those scored on
/// every fitting row is selected.
/// </summary>
internal static class ModelSelection
{
    /// <summary>The outcome: every candidate and trial in the order scored, with the selected one.</summary>
    internal sealed record Outcome(IReadOnlyList<LeaderboardEntry> Leaderboard, Candidate Best, CandidateScore BestScore, int Trials);

    public static Outcome Run(ProjectConfig config, CandidateSelection selection, CandidateScorer scorer, string primary, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var scored = new List<(Candidate Candidate, CandidateScore Score)>();
        if (selection != CandidateSelection.Tuned)
        {
            foreach (var candidate in Candidate.Resolve(config))
            {
                progress?.Report($"trying {candidate.Name}");
                scored.Add((candidate, scorer.Score(candidate, 1, cancellationToken)));
            }
        }

        var trials = 0;
        if (selection != CandidateSelection.Baseline)
        {
            var declared = config.Training.Candidates;
            foreach (var i in SearchedCandidates(config, selection))
            {
                var drawn = TrialSampler.Sample(declared[i], i, config);
                trials += drawn.Count;
                scored.AddRange(config.Training.Search.Method == SearchMethod.Halving
                    ? Halve(drawn, scorer, primary, progress, cancellationToken)
                    : RandomSearch(drawn, scorer, primary, progress, cancellationToken));
            }
        }

        var best = -1;
        for (var i = 0; i < scored.Count; i++)
        {
            if (scored[i].Score.Budget >= 1 && (best < 0 || Better(primary, scored[i].Score.Metrics[primary], scored[best].Score.Metrics[primary])))
            {
                best = i;
            }
        }

        best = Math.Max(best, 0);
        var leaderboard = scored.Select((s, i) => new LeaderboardEntry(
            s.Score.Budget >= 1 ? s.Candidate.Name : string.Create(CultureInfo.InvariantCulture, $"{s.Candidate.Name} [halving: stopped at {s.Score.Budget:P0} of rows]"),
            s.Candidate.Learner, s.Score.Metrics, s.Score.FitMilliseconds, s.Score.PredictMicrosecondsPerRow, i == best)
        {
            Sampled = s.Candidate.Sampled,
            RowBudget = s.Score.Budget,
            Folds = config.Training.Cv?.Folds,
        }).ToList();
        return new Outcome(leaderboard, scored[best].Candidate, scored[best].Score, trials);
    }

    /// <summary>
    /// The indices of the declared candidates with search ranges, which <paramref name="selection"/> tunes (none for
    /// <see cref="CandidateSelection.Baseline"/>).
    /// </summary>
    /// <exception cref="SextantException">The selection tunes, but no candidate declares search ranges.</exception>
    public static IReadOnlyList<int> SearchedCandidates(ProjectConfig config, CandidateSelection selection)
    {
        if (selection == CandidateSelection.Baseline)
        {
            return [];
        }

        var declared = config.Training.Candidates;
        var searched = Enumerable.Range(0, declared.Count).Where(i => declared[i].Search is not null).ToList();
        if (searched.Count == 0)
        {
            throw new SextantException($"--selection {selection.ToString().ToLowerInvariant()} needs a candidate with search ranges, e.g. training.candidates: [{{learner: gbm, search: {{learning_rate: [0.03, 0.3, log], max_leaves: [15, 63, int]}}}}].");
        }

        return searched;
    }

    private static List<(Candidate, CandidateScore)> RandomSearch(IReadOnlyList<Candidate> trials, CandidateScorer scorer, string primary, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var scored = new List<(Candidate, CandidateScore)>(trials.Count);
        double best = double.NaN;
        for (var t = 0; t < trials.Count; t++)
        {
            var score = scorer.Score(trials[t], 1, cancellationToken);
            scored.Add((trials[t], score));
            best = double.IsNaN(best) || Better(primary, score.Metrics[primary], best) ? score.Metrics[primary] : best;
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"trial {t + 1}/{trials.Count} {trials[t].Name}: {primary} {score.Metrics[primary]:G5} (best {best:G5})"));
        }

        return scored;
    }

    private static List<(Candidate, CandidateScore)> Halve(IReadOnlyList<Candidate> trials, CandidateScorer scorer, string primary, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        // Each trial's latest (largest-budget) score, by its position among the trials.
        var latest = new CandidateScore[trials.Count];
        var alive = Enumerable.Range(0, trials.Count).ToList();
        var budgets = SuccessiveHalving.Budgets(trials.Count);
        for (var rung = 0; rung < budgets.Length; rung++)
        {
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"halving rung {rung + 1}/{budgets.Length}: {alive.Count} trial(s) on {budgets[rung]:P0} of the fitting rows"));
            foreach (var t in alive)
            {
                latest[t] = scorer.Score(trials[t], budgets[rung], cancellationToken);
                progress?.Report(string.Create(CultureInfo.InvariantCulture, $"trial {t + 1}/{trials.Count} {trials[t].Name}: {primary} {latest[t].Metrics[primary]:G5}"));
            }

            if (rung < budgets.Length - 1)
            {
                // NaN scores rank last; ties keep the earlier trial.
                alive = [.. alive
                    .OrderBy(t => double.IsNaN(latest[t].Metrics[primary]) ? 1 : 0)
                    .ThenBy(t => Trainer.LowerIsBetter(primary) ? latest[t].Metrics[primary] : -latest[t].Metrics[primary])
                    .ThenBy(t => t)
                    .Take(SuccessiveHalving.Survivors(alive.Count))
                    .Order()];
            }
        }

        return [.. Enumerable.Range(0, trials.Count).Select(t => (trials[t], latest[t]))];
    }

    private static bool Better(string metric, double candidate, double best) =>
        !double.IsNaN(candidate) && (double.IsNaN(best) || (Trainer.LowerIsBetter(metric) ? candidate < best : candidate > best));
}
